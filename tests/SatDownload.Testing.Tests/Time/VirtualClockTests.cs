namespace SatDownload.Testing.Tests.Time;

public sealed class VirtualClockTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Task_delay_on_the_clock_completes_only_when_time_is_advanced()
    {
        var clock = new VirtualClock();
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(delay.IsCompleted);

        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(Bound);
        Assert.Equal(VirtualClock.DefaultStart + TimeSpan.FromMinutes(5), clock.GetUtcNow());
    }

    [Fact]
    public void Timers_fire_in_due_order_and_see_their_own_due_time()
    {
        var clock = new VirtualClock(new DateTimeOffset(2030, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        using var tie = clock.CreateTimer(_ => fired.Add(("tie", clock.GetUtcNow())), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["early", "tie", "late"], fired.Select(f => f.Name));
        Assert.Equal(clock.Start + TimeSpan.FromSeconds(10), fired[0].At);
        Assert.Equal(clock.Start + TimeSpan.FromSeconds(30), fired[2].At);
        Assert.Equal(clock.Start + TimeSpan.FromMinutes(1), clock.GetUtcNow());
        Assert.Equal(0, clock.PendingTimerCount);
    }

    [Fact]
    public void Periodic_timers_fire_once_per_period_and_stop_when_disposed()
    {
        var clock = new VirtualClock();
        var count = 0;
        var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(7)); // fires at 1, 3, 5, 7
        Assert.Equal(4, count);

        timer.Dispose();
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(4, count);
        Assert.False(timer.Change(TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void Change_reschedules_and_infinite_disarms()
    {
        var clock = new VirtualClock();
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromSeconds(20), Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(0, count);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, count);

        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, count);
    }

    [Fact]
    public void A_callback_may_arm_a_timer_that_falls_due_in_the_same_advance()
    {
        var clock = new VirtualClock();
        var times = new List<TimeSpan>();
        ITimer? timer = null;
        timer = clock.CreateTimer(_ =>
        {
            times.Add(clock.GetUtcNow() - clock.Start);
            if (times.Count < 3)
            {
                timer!.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
            }
        }, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(12));

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], times);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, times.Count);
        timer.Dispose();
    }

    [Fact]
    public async Task Zero_due_time_fires_without_advancing()
    {
        var clock = new VirtualClock();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = clock.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        await fired.Task.WaitAsync(Bound);
        Assert.Equal(clock.Start, clock.GetUtcNow());
    }

    [Fact]
    public void Timestamps_measure_virtual_time()
    {
        var clock = new VirtualClock();
        var start = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(start));
        Assert.Equal(TimeSpan.TicksPerSecond, clock.TimestampFrequency);
        Assert.Equal(TimeZoneInfo.Utc, clock.LocalTimeZone);
    }

    [Fact]
    public async Task Cancellation_token_sources_on_the_clock_cancel_in_virtual_time()
    {
        var clock = new VirtualClock();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10), clock);

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.False(cts.IsCancellationRequested);
        clock.Advance(TimeSpan.FromMinutes(1));

        await Task.Delay(Timeout.InfiniteTimeSpan, cts.Token).ContinueWith(t => Assert.True(t.IsCanceled), TaskScheduler.Default).WaitAsync(Bound);
    }

    [Fact]
    public void Set_utc_now_moves_forward_and_refuses_to_go_back()
    {
        var clock = new VirtualClock();
        var fired = false;
        using var timer = clock.CreateTimer(_ => fired = true, null, TimeSpan.FromDays(1), Timeout.InfiniteTimeSpan);

        clock.SetUtcNow(clock.Start.AddDays(2));
        Assert.True(fired);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(clock.Start));
        Assert.Contains("cannot go backwards", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task Auto_advance_runs_a_polling_loop_instantly_in_virtual_time()
    {
        var clock = new VirtualClock { AutoAdvance = true };

        var polls = 0;
        var loop = Task.Run(async () =>
        {
            while (polls < 20)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), clock);
                polls++;
            }
        });

        await loop.WaitAsync(Bound);
        Assert.Equal(clock.Start + TimeSpan.FromMinutes(20), clock.GetUtcNow());
    }

    [Fact]
    public async Task Auto_advance_ticks_a_periodic_timer_until_it_is_disposed()
    {
        var clock = new VirtualClock { AutoAdvance = true };
        var ticks = 0;
        using (var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock))
        {
            while (ticks < 5 && await timer.WaitForNextTickAsync().AsTask().WaitAsync(Bound))
            {
                ticks++;
            }
        }

        var afterDispose = clock.GetUtcNow();
        Assert.True(afterDispose >= clock.Start + TimeSpan.FromMinutes(5), $"now {afterDispose:O}");
        Assert.Equal(0, clock.PendingTimerCount);
    }

    [Fact]
    public async Task Auto_advance_max_delay_leaves_long_timers_for_an_explicit_advance()
    {
        var clock = new VirtualClock { AutoAdvance = true, AutoAdvanceMaxDelay = TimeSpan.FromMinutes(5) };
        var deadline = Task.Delay(TimeSpan.FromHours(1), clock);

        await Task.Delay(TimeSpan.FromMinutes(2), clock).WaitAsync(Bound);

        Assert.False(deadline.IsCompleted);
        Assert.Equal(clock.Start + TimeSpan.FromMinutes(2), clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(1));
        await deadline.WaitAsync(Bound);
    }

    [Fact]
    public async Task Turning_auto_advance_on_releases_pending_timers()
    {
        var clock = new VirtualClock();
        var delay = Task.Delay(TimeSpan.FromSeconds(30), clock);
        Assert.False(delay.IsCompleted);

        clock.AutoAdvance = true;

        await delay.WaitAsync(Bound);
        Assert.Equal(clock.Start + TimeSpan.FromSeconds(30), clock.GetUtcNow());
    }

    [Fact]
    public async Task Concurrent_timers_and_advances_fire_every_timer_exactly_once()
    {
        var clock = new VirtualClock();
        var fired = 0;
        var timers = new System.Collections.Concurrent.ConcurrentBag<ITimer>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                timers.Add(clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(1 + (i % 50)), Timeout.InfiniteTimeSpan));
                if (i % 10 == 0)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(100));
                }
            }
        })));
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1000, fired);
        Assert.Equal(0, clock.PendingTimerCount);
        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
