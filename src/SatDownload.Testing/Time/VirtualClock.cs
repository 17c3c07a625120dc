namespace SatDownload.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose time only moves when a test moves it: <see cref="Advance"/>, <see cref="SetUtcNow"/>,
/// or the opt-in <see cref="AutoAdvance"/> mode. Timers created through it (and therefore
/// <c>Task.Delay(delay, clock)</c>, <c>CancellationTokenSource(delay, clock)</c>, <c>Task.WaitAsync(timeout, clock)</c>)
/// fire deterministically, in due-time order, when virtual time reaches their due time.
/// </summary>
/// <remarks>
/// <para>
/// Provider emulators drive their state machines (order pending → running → succeeded, signed-URL expiry) from
/// <see cref="ProviderEmulator.Clock"/>. Give the client under test the same clock to make its polling loops run in
/// virtual time.
/// </para>
/// <para>
/// Timer callbacks run synchronously on the thread that advances the clock (for <see cref="AutoAdvance"/>, a thread-pool
/// thread), outside the clock's lock, so a callback may create or change timers and read the time.
/// </para>
/// <para>
/// <b>Pitfall of <see cref="AutoAdvance"/>:</b> every timer is jumped to as soon as it is created, including timers
/// that exist only as timeouts (a read-idle timeout, an overall deadline, <c>HttpClient.Timeout</c>-style
/// <c>CancelAfter</c>). On an auto-advancing clock such a timeout fires at once and cancels the work it guards. Run
/// read-idle and deadline timeouts on <see cref="TimeProvider.System"/> (or a separate, manually advanced clock), or bound
/// the jumps with <see cref="AutoAdvanceMaxDelay"/>.
/// </para>
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    /// <summary>The instant a clock starts at unless told otherwise: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly HashSet<VirtualTimer> _timers = [];
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _sequence;
    private volatile bool _autoAdvance;
    private TimeSpan? _autoAdvanceMaxDelay;

    /// <summary>Creates a clock that starts at <see cref="DefaultStart"/>.</summary>
    public VirtualClock()
        : this(DefaultStart)
    {
    }

    /// <summary>Creates a clock that starts at <paramref name="start"/>.</summary>
    /// <param name="start">The initial time; stored as UTC.</param>
    public VirtualClock(DateTimeOffset start)
    {
        _start = start.ToUniversalTime();
        _now = _start;
    }

    /// <summary>
    /// When true, every timer created or re-armed through this clock makes the clock jump to its due time at once (on a
    /// thread-pool thread), so loops that wait on this clock run instantly while virtual minutes pass. Periodic timers
    /// (for example <c>PeriodicTimer</c>) keep ticking this way until disposed. A timer changed or disposed before its
    /// jump runs does not move the clock. Off by default. See the remarks on the class for the timeout pitfall.
    /// </summary>
    public bool AutoAdvance
    {
        get => _autoAdvance;
        set
        {
            _autoAdvance = value;
            if (value)
            {
                ScheduleAutoAdvanceForPendingTimers();
            }
        }
    }

    /// <summary>
    /// With <see cref="AutoAdvance"/>, only timers due at most this far in the future are jumped to; longer timers wait
    /// for an explicit <see cref="Advance"/>. Null (the default) jumps to every timer.
    /// </summary>
    public TimeSpan? AutoAdvanceMaxDelay
    {
        get
        {
            lock (_gate)
            {
                return _autoAdvanceMaxDelay;
            }
        }

        set
        {
            if (value is { } v && v < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "AutoAdvanceMaxDelay must be zero or positive, or null for no limit.");
            }

            lock (_gate)
            {
                _autoAdvanceMaxDelay = value;
            }
        }
    }

    /// <summary>The instant this clock started at.</summary>
    public DateTimeOffset Start => _start;

    /// <summary>The number of timers that are armed and have not fired yet (periodic timers count until disposed or disarmed).</summary>
    public int PendingTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    /// <remarks>Ticks of virtual time since <see cref="Start"/>, so <see cref="TimeProvider.GetElapsedTime(long)"/> measures virtual time.</remarks>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return (_now - _start).Ticks;
        }
    }

    /// <summary>Moves time forward by <paramref name="delta"/>, firing every timer that falls due on the way, in order.</summary>
    /// <param name="delta">How far to move; zero fires timers that are already due.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Virtual time cannot go backwards; pass a zero or positive TimeSpan.");
        }

        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        AdvanceTo(target);
    }

    /// <summary>Sets the time to <paramref name="value"/>, firing every timer that falls due on the way, in order.</summary>
    /// <param name="value">The new time; must not be earlier than the current time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is earlier than <see cref="GetUtcNow"/>.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Virtual time cannot go backwards (now {_now:O}); pass a later instant.");
            }
        }

        AdvanceTo(value.ToUniversalTime());
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <inheritdoc />
    public override string ToString() => $"VirtualClock {GetUtcNow():O}";

    internal bool ChangeTimer(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        ValidateTimerSpan(dueTime, nameof(dueTime));
        ValidateTimerSpan(period, nameof(period));
        DateTimeOffset? dueAt;
        long sequence;
        lock (_gate)
        {
            if (timer.IsDisposed)
            {
                return false;
            }

            dueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            timer.DueAt = dueAt;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            sequence = timer.Sequence = ++_sequence;
            if (dueAt is null)
            {
                _timers.Remove(timer);
            }
            else
            {
                _timers.Add(timer);
            }
        }

        if (dueAt is not null)
        {
            if (dueTime == TimeSpan.Zero)
            {
                // A zero due time means "now": fire without waiting for anyone to advance the clock, like a real timer.
                QueueJump(timer, sequence);
            }
            else if (_autoAdvance)
            {
                QueueAutoAdvance(timer, sequence, dueTime);
            }
        }

        return true;
    }

    internal void RemoveTimer(VirtualTimer timer)
    {
        lock (_gate)
        {
            timer.IsDisposed = true;
            timer.DueAt = null;
            _timers.Remove(timer);
        }
    }

    private static void ValidateTimerSpan(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "A timer due time or period must be zero, positive or Timeout.InfiniteTimeSpan.");
        }
    }

    private void QueueAutoAdvance(VirtualTimer timer, long sequence, TimeSpan dueTime)
    {
        var limit = AutoAdvanceMaxDelay;
        if (limit is { } max && dueTime > max)
        {
            return;
        }

        QueueJump(timer, sequence);
    }

    private void QueueJump(VirtualTimer timer, long sequence) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Clock.JumpTo(s.Timer, s.Sequence), new Jump(this, timer, sequence), preferLocal: false);

    /// <summary>Advances to a timer's due time, unless it was changed or disposed since the jump was queued.</summary>
    private void JumpTo(VirtualTimer timer, long sequence)
    {
        DateTimeOffset due;
        lock (_gate)
        {
            if (timer.IsDisposed || timer.Sequence != sequence || timer.DueAt is null)
            {
                // Changed, fired or disposed meanwhile: time must not leap for a timer nobody waits on any more.
                return;
            }

            due = timer.DueAt.Value < _now ? _now : timer.DueAt.Value;
        }

        AdvanceTo(due);
    }

    private void ScheduleAutoAdvanceForPendingTimers()
    {
        List<(VirtualTimer, long, TimeSpan)> pending;
        lock (_gate)
        {
            pending = _timers.Select(t => (t, t.Sequence, t.DueAt!.Value - _now)).ToList();
        }

        foreach (var (timer, sequence, dueTime) in pending)
        {
            QueueAutoAdvance(timer, sequence, dueTime);
        }
    }

    private void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            VirtualTimer? next = null;
            TimerCallback? callback = null;
            object? state = null;
            long rearmedSequence = 0;
            TimeSpan rearmedPeriod = default;
            lock (_gate)
            {
                foreach (var t in _timers)
                {
                    if (t.DueAt is { } due && due <= target &&
                        (next is null || due < next.DueAt!.Value || (due == next.DueAt!.Value && t.Sequence < next.Sequence)))
                    {
                        next = t;
                    }
                }

                if (next is null)
                {
                    if (target > _now)
                    {
                        _now = target;
                    }

                    return;
                }

                if (next.DueAt!.Value > _now)
                {
                    _now = next.DueAt.Value;
                }

                callback = next.Callback;
                state = next.State;
                if (next.Period is { } period)
                {
                    next.DueAt = _now + period;
                    rearmedSequence = next.Sequence = ++_sequence;
                    rearmedPeriod = period;
                }
                else
                {
                    // Fired one-shot timers leave the set until re-armed, so scans stay short.
                    next.DueAt = null;
                    _timers.Remove(next);
                }
            }

            callback(state);
            if (rearmedSequence != 0 && _autoAdvance)
            {
                // A periodic timer (PeriodicTimer polling) keeps ticking instantly until it is disposed.
                QueueAutoAdvance(next, rearmedSequence, rearmedPeriod);
            }
        }
    }

    private sealed record Jump(VirtualClock Clock, VirtualTimer Timer, long Sequence);
}
