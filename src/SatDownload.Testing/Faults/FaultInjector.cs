using Microsoft.AspNetCore.Http;

namespace SatDownload.Testing;

/// <summary>
/// Scripted faults for every route of a <see cref="ProviderEmulator"/> (provider routes and the blob store alike).
/// Pick requests with <see cref="On"/>, <see cref="OnPrefix"/>, <see cref="OnBlob"/> or <see cref="OnAnyRequest"/>, then
/// choose a fault on the returned <see cref="FaultTarget"/>. Rules count their hits; all members are thread-safe.
/// </summary>
/// <remarks>
/// <para>What a real <see cref="HttpClient"/> observes:</para>
/// <list type="table">
/// <item><term><see cref="FaultTarget.RespondWithStatus"/></term><description>that status, <c>Retry-After</c> verbatim (seconds, HTTP date or milliseconds).</description></item>
/// <item><term><see cref="FaultTarget.AbortAfterBytes"/></term><description><see cref="IOException"/> (connection reset) mid-body; the number of bytes received varies.</description></item>
/// <item><term><see cref="FaultTarget.TruncateBody"/></term><description>exactly K bytes, then <see cref="HttpIOException"/> with <see cref="HttpRequestError.ResponseEnded"/>.</description></item>
/// <item><term><see cref="FaultTarget.DelayHeaders"/></term><description>headers late; <c>HttpClient.Timeout</c> or the caller's token fires if shorter.</description></item>
/// <item><term><see cref="FaultTarget.PaceBody"/></term><description>a slow body; with <c>ResponseHeadersRead</c> only a read-idle timeout notices.</description></item>
/// <item><term><see cref="FaultTarget.Hang"/></term><description>no headers ever; only the caller's timeout or token ends the call.</description></item>
/// </list>
/// <para>Rules are evaluated in the order added. Every matching rule counts a hit. For the requests a rule applies to:
/// content changes and header delays run first, then the first answering fault (custom handler returning true, status,
/// hang) ends the request; body faults (abort, truncate, pace) shape whatever body the real handler writes.</para>
/// <para>Faults use real time (not the virtual clock) so that client-side timeouts can be observed. To avoid flaky
/// shared state, give each test its own emulator or its own paths/blob names.</para>
/// </remarks>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private FaultRule[] _rules = [];

    internal FaultInjector()
    {
    }

    /// <summary>A snapshot of the registered rules, in evaluation order.</summary>
    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref _rules);

    /// <summary>Targets requests whose path equals <paramref name="path"/> (ordinal; a trailing <c>*</c> makes it a prefix).</summary>
    /// <param name="path">An absolute path such as <c>/iceye/api/v1/orders</c>.</param>
    /// <returns>The target; call a fault method on it.</returns>
    public FaultTarget On(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ValidatePath(path);
        return path.EndsWith('*') ? OnPrefix(path[..^1]) : new FaultTarget(this, path, isPrefix: false, blobName: null, method: null, skippedRequests: 0);
    }

    /// <summary>Targets requests whose path starts with <paramref name="prefix"/> (ordinal).</summary>
    /// <param name="prefix">An absolute path prefix such as <c>/iceye/</c>.</param>
    /// <returns>The target.</returns>
    public FaultTarget OnPrefix(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ValidatePath(prefix);
        return new FaultTarget(this, prefix, isPrefix: true, blobName: null, method: null, skippedRequests: 0);
    }

    /// <summary>Targets every request.</summary>
    /// <returns>The target.</returns>
    public FaultTarget OnAnyRequest() => new(this, "/", isPrefix: true, blobName: null, method: null, skippedRequests: 0);

    /// <summary>Targets the blob store routes of one blob: <c>/blobs/{name}</c> and <c>/signed/{name}</c>.</summary>
    /// <param name="name">The blob name as given to <see cref="EmulatorBlobStore.Put"/>.</param>
    /// <returns>The target.</returns>
    public FaultTarget OnBlob(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new FaultTarget(this, string.Empty, isPrefix: false, blobName: name, method: null, skippedRequests: 0);
    }

    /// <summary>
    /// Runs <paramref name="handler"/> for every request (shortcut for <c>OnAnyRequest().OnRequest(handler)</c>); when it
    /// returns true it has answered the request and the real handler is skipped.
    /// </summary>
    /// <param name="handler">The callback.</param>
    /// <param name="times">How many requests run it; all by default.</param>
    /// <returns>The registered rule.</returns>
    public FaultRule OnRequest(Func<HttpContext, Task<bool>> handler, int times = int.MaxValue) => OnAnyRequest().OnRequest(handler, times);

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Volatile.Write(ref _rules, []);
        }
    }

    internal FaultRule Add(FaultRule rule)
    {
        lock (_gate)
        {
            Volatile.Write(ref _rules, [.. _rules, rule]);
        }

        return rule;
    }

    internal void Remove(FaultRule rule)
    {
        lock (_gate)
        {
            Volatile.Write(ref _rules, _rules.Where(r => !ReferenceEquals(r, rule)).ToArray());
        }
    }

    /// <summary>Returns the rules that apply to this request, counting a hit on every matching rule.</summary>
    internal List<FaultRule>? Evaluate(HttpRequest request)
    {
        var rules = Volatile.Read(ref _rules);
        List<FaultRule>? applied = null;
        foreach (var rule in rules)
        {
            if (rule.Target.Matches(request) && rule.CountHitAndDecide())
            {
                (applied ??= []).Add(rule);
            }
        }

        return applied;
    }

    private static void ValidatePath(string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException($"Fault path '{path}' must be an absolute path starting with '/', for example '/blobs/scene.tif'.", nameof(path));
        }
    }
}
