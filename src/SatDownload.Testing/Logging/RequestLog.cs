using System.Collections;

namespace SatDownload.Testing;

/// <summary>
/// Every request a <see cref="ProviderEmulator"/> answered, in completion order, with secrets redacted. Tests assert on
/// it (for example that invalid input caused no request at all: <c>Assert.Empty(emulator.Requests)</c>). Thread-safe;
/// enumeration works on a snapshot.
/// </summary>
public sealed class RequestLog : IReadOnlyCollection<RequestLogEntry>
{
    private readonly object _gate = new();
    private readonly List<RequestLogEntry> _entries = [];

    internal RequestLog()
    {
    }

    /// <summary>The number of requests logged.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>A snapshot of all entries.</summary>
    /// <returns>The entries in completion order.</returns>
    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToArray();
        }
    }

    /// <summary>Entries whose path starts with <paramref name="pathPrefix"/> (ordinal).</summary>
    /// <param name="pathPrefix">For example <c>/iceye/api/</c>.</param>
    /// <returns>The matching entries.</returns>
    public IReadOnlyList<RequestLogEntry> ForPath(string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        return Snapshot().Where(e => e.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>Entries routed to the provider named <paramref name="provider"/> (<c>blobs</c> for the blob store).</summary>
    /// <param name="provider">The provider name, for example <c>iceye</c>.</param>
    /// <returns>The matching entries.</returns>
    public IReadOnlyList<RequestLogEntry> ForProvider(string provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return Snapshot().Where(e => string.Equals(e.Provider, provider, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>Entries for one blob (its <c>/blobs/</c> and <c>/signed/</c> routes).</summary>
    /// <param name="name">The blob name.</param>
    /// <returns>The matching entries.</returns>
    public IReadOnlyList<RequestLogEntry> ForBlob(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Snapshot().Where(e =>
            string.Equals(e.Path, EmulatorBlobStore.BlobsPathPrefix + name, StringComparison.Ordinal) ||
            string.Equals(e.Path, EmulatorBlobStore.SignedPathPrefix + name, StringComparison.Ordinal)).ToArray();
    }

    /// <summary>Entries matching <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The filter.</param>
    /// <returns>The matching entries.</returns>
    public IReadOnlyList<RequestLogEntry> Where(Func<RequestLogEntry, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Snapshot().Where(predicate).ToArray();
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <inheritdoc />
    public IEnumerator<RequestLogEntry> GetEnumerator() => Snapshot().GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
