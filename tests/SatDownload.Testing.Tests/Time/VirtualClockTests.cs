namespace SatDownload.Testing.Tests.Time;

public sealed class VirtualClockTests
{
    [Fact]
    public async Task Task_delay_on_the_clock_completes_only_when_time_is_advanced()
    {
        var clock = new VirtualClock();
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(delay.IsCompleted);

        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(VirtualClock.DefaultStart + TimeSpan.FromMinutes(5), clock.GetUtcNow());
    }
}
