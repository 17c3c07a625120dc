using System.Collections;

namespace SatDownload.Testing;

/// <summary>
/// Every request a <see cref="ProviderEmulator"/> answered, in the order their responses completed (see <see cref="RequestLogEntry.Sequence"/> for arrival order), with secrets redacted. Tests assert on
/// it (for example that invalid input caused no request at all: <c>Assert.Empty(emulator.Requests)</c>). Thread-safe;
/// enumeration works on a snapshot.
/// </summary>
public sealed class RequestLog : IReadOnlyCollection<RequestLogEntry>
{
    private readonly object _gate = new();
    private readonly List<RequestLogEntry> _entries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>
    /// Waits (real time) until an entry matching <paramref name="predicate"/> is logged, and returns it. Use it for
    /// requests whose end the client cannot observe in order (aborted, hung or cancelled requests); a normal response is
    /// always logged before the client sees its end.
    /// </summary>
    /// <param name="predicate">The entry wanted.</param>
    /// <param name="timeout">How long to wait; 10 seconds when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The first matching entry.</returns>
    /// <exception cref="TimeoutException">No matching entry was logged in time; the message lists the entries seen.</exception>
    public async Task<RequestLogEntry> WaitForAsync(Func<RequestLogEntry, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10), TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        while (true)
        {
            Task changed;
            RequestLogEntry? found;
            lock (_gate)
            {
                found = _entries.FirstOrDefault(predicate);
                changed = _changed.Task;
            }

            if (found is not null)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("No matching request was logged in time. Logged: " + string.Join("; ", Snapshot()));
            }
        }
    }

    /// <summary>
    /// Waits (real time) until at least <paramref name="count"/> entries matching <paramref name="predicate"/> are logged,
    /// and returns them. Aborted requests are logged when the server notices the abort, which can be after the client
    /// has moved on: count them with this, not with a plain query.
    /// </summary>
    /// <param name="predicate">The entries wanted.</param>
    /// <param name="count">How many are expected at least.</param>
    /// <param name="timeout">How long to wait; 10 seconds when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The matching entries once there are enough.</returns>
    /// <exception cref="TimeoutException">Fewer entries were logged in time; the message lists the entries seen.</exception>
    public async Task<IReadOnlyList<RequestLogEntry>> WaitForCountAsync(Func<RequestLogEntry, bool> predicate, int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10), TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        while (true)
        {
            Task changed;
            RequestLogEntry[] found;
            lock (_gate)
            {
                found = _entries.Where(predicate).ToArray();
                changed = _changed.Task;
            }

            if (found.Length >= count)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Expected {count} matching requests, {found.Length} were logged in time. Logged: " + string.Join("; ", Snapshot()));
            }
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _entries.Add(entry);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    internal void Replace(RequestLogEntry previous, RequestLogEntry current)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            var index = _entries.IndexOf(previous);
            if (index < 0)
            {
                // Cleared by the test since the first version was logged: stay cleared.
                return;
            }

            _entries[index] = current;

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
