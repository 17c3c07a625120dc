namespace SatDownload.Testing;

/// <summary>A timer on a <see cref="VirtualClock"/>; all state changes go through the clock's lock.</summary>
internal sealed class VirtualTimer : ITimer
{
    private readonly VirtualClock _clock;

    internal VirtualTimer(VirtualClock clock, TimerCallback callback, object? state)
    {
        _clock = clock;
        Callback = callback;
        State = state;
    }

    internal TimerCallback Callback { get; }

    internal object? State { get; }

    /// <summary>When the timer fires next; null when disarmed. Guarded by the clock's lock.</summary>
    internal DateTimeOffset? DueAt { get; set; }

    /// <summary>The period of a periodic timer; null for one-shot. Guarded by the clock's lock.</summary>
    internal TimeSpan? Period { get; set; }

    /// <summary>Breaks ties between timers due at the same instant: earlier armed fires first.</summary>
    internal long Sequence { get; set; }

    internal bool IsDisposed { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => _clock.ChangeTimer(this, dueTime, period);

    public void Dispose() => _clock.RemoveTimer(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
