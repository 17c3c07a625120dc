using Microsoft.AspNetCore.Http;

namespace SatDownload.Testing;

/// <summary>
/// One scripted fault, created through <see cref="FaultTarget"/>. It counts every request it matches (<see cref="Hits"/>)
/// and applies to the matched requests numbered <c>AfterRequests + 1</c> to <c>AfterRequests + Times</c>
/// (<see cref="Applied"/>). Thread-safe.
/// </summary>
public sealed class FaultRule
{
    private readonly FaultInjector _owner;
    private long _hits;
    private long _applied;

    internal FaultRule(FaultInjector owner, FaultTarget target, FaultKind kind, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        _owner = owner;
        Target = target;
        Kind = kind;
        Times = times;
    }

    /// <summary>Which requests the rule matches.</summary>
    public FaultTarget Target { get; }

    /// <summary>What the rule does.</summary>
    public FaultKind Kind { get; }

    /// <summary>How many matched requests (after <see cref="FaultTarget.SkippedRequests"/>) the fault applies to; <see cref="int.MaxValue"/> for all.</summary>
    public int Times { get; }

    /// <summary>How many requests matched the rule so far (applied or not).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>How many requests the fault was applied to so far.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Whether the rule will not apply to any further request.</summary>
    public bool IsExhausted => Hits >= Target.SkippedRequests + (long)Times;

    internal int StatusCode { get; init; }

    internal string? RetryAfter { get; init; }

    internal string? Body { get; init; }

    internal string? ContentType { get; init; }

    internal long ByteCount { get; init; }

    internal TimeSpan Delay { get; init; }

    internal int BytesPerSecond { get; init; }

    internal Func<HttpContext, Task<bool>>? Handler { get; init; }

    /// <summary>Removes the rule from its injector; later requests are not affected by it.</summary>
    public void Remove() => _owner.Remove(this);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} on {Target} (times {(Times == int.MaxValue ? "all" : Times)}, hits {Hits}, applied {Applied})";

    /// <summary>Counts a matched request and returns whether the fault applies to it.</summary>
    internal bool CountHitAndDecide()
    {
        var hit = Interlocked.Increment(ref _hits);
        var skip = Target.SkippedRequests;
        if (hit > skip && hit - skip <= Times)
        {
            Interlocked.Increment(ref _applied);
            return true;
        }

        return false;
    }
}
