using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;

namespace SatDownload.Eos.Tests.Tasks;

/// <summary>Status transitions on the emulator's virtual clock, failures, task_timeout and rehydration.</summary>
public sealed class TaskLifecycleTests
{
    private static EosLoadByExtentRequest Request(string viewId = "S2/13/R/EL/2023/7/19/0") => new()
    {
        ViewId = viewId,
        Bands = ["B02", "B03", "B04"],
        Aoi = EosHarness.Square(),
        Reference = "lifecycle-1",
    };

    [Theory]
    [InlineData("created")]
    [InlineData("authentication")]
    public async Task Statuses_move_from_initial_through_started_to_success(string initial)
    {
        await using var h = await EosHarness.StartAsync(o => o.InitialStatus = initial);
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(Request());
        Assert.Equal(initial, task.ProviderStatus);
        Assert.Equal(ProviderTaskStatus.Running, task.Status);
        Assert.Equal(TimeSpan.FromSeconds(345600), task.TaskTimeout);
        Assert.Equal("lifecycle-1", h.Eos.GetTask(task.Id).Reference);

        Assert.Equal(ProviderTaskStatus.Running, await task.UpdateStatusAsync());
        Assert.Equal(initial, task.ProviderStatus);

        h.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(ProviderTaskStatus.Running, await task.UpdateStatusAsync());
        Assert.Equal("started", task.ProviderStatus);
        Assert.False(task.HasCompleted);

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.UpdateStatusAsync());
        Assert.Equal("success", task.ProviderStatus);
        Assert.True(task.HasCompleted);
        Assert.Equal(100, task.PercentComplete);

        // Terminal: no further calls.
        var before = h.EosRequests().Count;
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.UpdateStatusAsync());
        Assert.Equal(before, h.EosRequests().Count);
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("error")]
    public async Task A_failed_task_throws_with_the_provider_reason(string failure)
    {
        await using var h = await EosHarness.StartAsync(o =>
        {
            o.FailingViewIds.Add("S2/13/R/EL/2023/7/14/0");
            o.FailureStatus = failure;
        });
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(Request("S2/13/R/EL/2023/7/14/0"));
        h.AutoAdvance();
        var ex = await Assert.ThrowsAsync<ProviderTaskFailedException>(() => task.WaitForCompletionAsync());
        Assert.Equal(ProviderTaskStatus.Failed, ex.Status);
        Assert.Equal(failure, ex.ProviderStatus);
        Assert.Contains("No data in the requested extent", ex.Message, StringComparison.Ordinal);
        Assert.Equal(task.Id, ex.TaskId);
        var noAssets = await Assert.ThrowsAsync<InvalidOperationException>(async () => await task.GetAssetsAsync().ToListAsync());
        Assert.Contains("Failed", noAssets.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_statuses_count_as_running_and_are_logged_once()
    {
        await using var h = await EosHarness.StartAsync(o => o.RunningStatus = "transcoding");
        var logs = new CapturingLoggerFactory();
        var client = new EosClient(h.CreateClient().Options, logs);
        var task = await client.CreateLoadByExtentTaskAsync(Request());
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(ProviderTaskStatus.Running, await task.UpdateStatusAsync());
        Assert.Equal("transcoding", task.ProviderStatus);
        h.Clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Equal(ProviderTaskStatus.Running, await task.UpdateStatusAsync());
        var warning = Assert.Single(logs.Messages, m => m.Message.Contains("transcoding", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.DoesNotContain(logs.Messages, m => m.Message.Contains(Testing.Eos.EosEmulatorOptions.DefaultApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_still_running_after_its_task_timeout_is_reported_failed()
    {
        await using var h = await EosHarness.StartAsync(o =>
        {
            o.TaskTimeoutSeconds = 120;
            o.FinishedAfter = TimeSpan.FromHours(1);
        });
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(Request());
        Assert.Equal(TimeSpan.FromMinutes(2), task.TaskTimeout);
        h.AutoAdvance();
        var ex = await Assert.ThrowsAsync<ProviderTaskFailedException>(() => task.WaitForCompletionAsync());
        Assert.Contains("task_timeout of 120 s", ex.Message, StringComparison.Ordinal);
        Assert.Equal("started", ex.ProviderStatus);
        Assert.True(h.Clock.GetUtcNow() - h.Eos.GetTask(task.Id).CreatedAt > TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task A_task_rehydrated_from_its_token_or_id_polls_the_same_task()
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        var task = await client.CreateLoadByExtentTaskAsync(Request());
        Assert.Equal("eos:lbe:" + task.Id, task.RehydrationToken);

        var other = h.CreateClient();
        var byToken = other.GetLoadByExtentTask(task.RehydrationToken);
        var byId = other.GetLoadByExtentTask(task.Id);
        Assert.Equal(task.Id, byToken.Id);
        Assert.Equal(ProviderTaskStatus.Pending, byId.Status);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ProviderTaskStatus.Succeeded, await byToken.UpdateStatusAsync());
        h.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(ProviderTaskStatus.Succeeded, await byId.UpdateStatusAsync());
        Assert.Null(byId.PredictedResult);
    }

    [Theory]
    [InlineData("iceye:order:123")]
    [InlineData("eos:jpeg:123")]
    [InlineData("eos:lbe:")]
    [InlineData("a/b")]
    public async Task Bad_rehydration_ids_are_rejected_without_a_call(string token)
    {
        await using var h = await EosHarness.StartAsync();
        var ex = Assert.ThrowsAny<ArgumentException>(() => h.CreateClient().GetLoadByExtentTask(token));
        Assert.Equal("taskIdOrRehydrationToken", ex.ParamName);
        Assert.Empty(h.EosRequests());
    }

    [Fact]
    public async Task An_unknown_task_id_is_a_404_provider_error()
    {
        await using var h = await EosHarness.StartAsync();
        var task = h.CreateClient().GetLoadByExtentTask("00000000-0000-0000-0000-000000000000");
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => task.UpdateStatusAsync());
        Assert.Equal(404, ex.Status);
        Assert.Equal("eos", ex.Provider);
        Assert.Equal("GET /api/gdw/api/{task_id}", ex.Operation);
        Assert.Contains("not found", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }
}
