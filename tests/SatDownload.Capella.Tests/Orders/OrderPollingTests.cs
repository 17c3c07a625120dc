using SatDownload.Capella.Models;
using SatDownload.Capella.Tests.Support;
using SatDownload.Testing;

namespace SatDownload.Capella.Tests.Orders;

public class OrderPollingTests
{
    [Fact]
    public async Task Waiting_polls_on_the_virtual_clock_through_every_transition()
    {
        // Auto-advance jumps the polling delays; the HTTP layer's timeouts run on the system clock, so they are unaffected.
        await using var host = await CapellaTestHost.StartAsync(new VirtualClock { AutoAdvance = true, AutoAdvanceMaxDelay = TimeSpan.FromMinutes(5) });
        var item = new CapellaOrderItem("capella-archive", "CAPELLA_C02_SP_GEO_HH_20240101");
        host.Capella.AddGranule(item.CollectionId, item.GranuleId, ["HH"]);
        host.Capella.OrderProcessingTime = TimeSpan.FromMinutes(10);
        var client = host.ApiKeyClient();
        var task = await client.SubmitOrderAsync([item]);
        var seen = new List<(ProviderTaskStatus Status, string? Raw)>();
        var started = host.Emulator.Clock.GetUtcNow();

        var final = await task.WaitForCompletionAsync(
            new TaskPollingOptions { InitialInterval = TimeSpan.FromMinutes(1), MaxInterval = TimeSpan.FromMinutes(2), Timeout = TimeSpan.FromHours(1) },
            new SynchronousProgress<ProviderTaskProgress>(p => seen.Add((p.Status, p.ProviderStatus))));

        Assert.Equal(ProviderTaskStatus.Succeeded, final);
        Assert.Contains(seen, s => s is (ProviderTaskStatus.Pending, "submitted"));
        Assert.Contains(seen, s => s is (ProviderTaskStatus.Running, "processing"));
        Assert.Equal((ProviderTaskStatus.Succeeded, "completed"), seen[^1]);
        Assert.True(host.Emulator.Clock.GetUtcNow() - started >= TimeSpan.FromMinutes(10));
        Assert.InRange(host.Emulator.Requests.ForPath($"/capella/orders/{task.Id}").Count, 3, 12);
    }

    [Fact]
    public async Task A_failed_order_stops_waiting_with_the_provider_status()
    {
        await using var host = await CapellaTestHost.StartAsync();
        var item = new CapellaOrderItem("capella-archive", "CAPELLA_C02_SP_GEO_HH_20240102");
        host.Capella.AddGranule(item.CollectionId, item.GranuleId, ["HH"]);
        var client = host.ApiKeyClient();
        var task = await client.SubmitOrderAsync([item]);
        host.Capella.Orders[task.Id].ForcedStatus = "failed";

        var ex = await Assert.ThrowsAsync<ProviderTaskFailedException>(() => client.GetOrderTask(task.Id).WaitForCompletionAsync());

        Assert.Equal(ProviderTaskStatus.Failed, ex.Status);
        Assert.Equal("failed", ex.ProviderStatus);
        Assert.Equal(task.Id, ex.TaskId);
    }

    private sealed class SynchronousProgress<T>(Action<T> onReport) : IProgress<T>
    {
        public void Report(T value) => onReport(value);
    }
}
