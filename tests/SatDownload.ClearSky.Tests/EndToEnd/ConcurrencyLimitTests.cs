using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.Testing.ClearSky;

namespace SatDownload.ClearSky.Tests.EndToEnd;

/// <summary>The account's concurrency limit, held open deterministically by the emulator's processing gate.</summary>
public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task A_download_over_the_concurrency_limit_gets_1003_while_the_first_one_is_in_flight()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions
        {
            MaxConcurrentRequests = 1, ProcessingGate = gate.Task, BusyRetryAfterSeconds = null,
        });
        var client = ctx.Client();
        var first = client.DownloadCompositeAsync(CompositeSequenceTests.MinimalRequest(), Path.Combine(ctx.Directory, "a"), ClearSkyTestContext.FastDownload());
        await WaitUntilAsync(() => ctx.ClearSky.InFlight == 1 || first.IsCompleted);
        Assert.False(first.IsCompleted, first.Exception?.ToString());

        // The first composite is held in flight by the gate: every attempt of the second one is refused with 1003.
        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.DownloadCompositeAsync(
            CompositeSequenceTests.MinimalRequest() with { Resolution = 20 }, Path.Combine(ctx.Directory, "b"), ClearSkyTestContext.FastDownload()));
        gate.SetResult();
        var result = await first.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("1003", ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.Equal(4, ctx.ClearSky.BusyAnswers);
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
        Assert.Equal(0, ctx.ClearSky.InFlight);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Polls a condition the emulator sets from another thread; bounded so a bug fails the test instead of hanging it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition() && !timeout.IsCancellationRequested)
        {
            await Task.Delay(5, CancellationToken.None);
        }
    }
}
