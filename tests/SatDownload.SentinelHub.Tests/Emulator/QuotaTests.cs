using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Emulator;

/// <summary>Account quotas: an exhausted monthly quota is a 403 the client surfaces as a typed error at once, without retrying.</summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task An_exhausted_monthly_processing_unit_quota_is_a_typed_403_that_is_not_retried()
    {
        await using var env = await ShEnvironment.StartAsync(new SentinelHubEmulatorOptions { MonthlyProcessingUnitQuota = 1.5 });
        var process = env.Client().GetProcessClient();
        var request = Samples.Request(512, 512, ("default", SentinelHubFormats.Tiff));
        await process.ProcessAsync(request, env.NewDirectory()); // 1.33 PU: within the quota
        env.Emulator.Requests.Clear();

        var ex = await Assert.ThrowsAsync<SentinelHubQuotaExceededException>(() => process.ProcessAsync(request, env.NewDirectory()));

        Assert.Equal(403, ex.Status);
        Assert.False(ex.IsRetryable);
        Assert.Equal(ProviderNames.SentinelHub, ex.Provider);
        Assert.Contains("monthly processing unit quota", ex.Message, StringComparison.Ordinal);
        Assert.Single(env.ApiRequests("/api/v1/process"));
    }

    [Fact]
    public async Task An_exhausted_monthly_request_quota_refuses_every_api_call()
    {
        await using var env = await ShEnvironment.StartAsync(new SentinelHubEmulatorOptions { MonthlyRequestQuota = 2 });
        var batch = env.Client().GetBatchClient();
        await batch.GetTilingGridAsync(0);
        await batch.GetTilingGridAsync(1);

        var ex = await Assert.ThrowsAsync<SentinelHubQuotaExceededException>(() => batch.GetTilingGridAsync(2));

        Assert.Contains("monthly request quota", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, env.ApiRequests("/tilinggrids").Count);

        // A new month renews the quota.
        env.Clock.Advance(TimeSpan.FromDays(32));
        Assert.Equal(2, (await batch.GetTilingGridAsync(2)).Id);
    }

    [Fact]
    public async Task Batch_create_needs_1000_processing_units_left()
    {
        await using var env = await ShEnvironment.StartAsync(new SentinelHubEmulatorOptions { MonthlyProcessingUnitQuota = 900 });
        var pr = Samples.Request(1, 1, ("default", SentinelHubFormats.Tiff));
        pr.Output!.Width = null;
        pr.Output.Height = null;
        var request = new BatchProcessRequest
        {
            ProcessRequest = pr,
            Input = BatchProcessInput.TilingGrid(0, 60),
            Output = BatchProcessOutput.Raster(ObjectStorageInfo.ForS3("s3://results/q")),
        };

        var ex = await Assert.ThrowsAsync<SentinelHubQuotaExceededException>(() => env.Client().GetBatchClient().CreateAsync(request));

        Assert.Contains("1000 processing units", ex.Message, StringComparison.Ordinal);
        Assert.Single(env.ApiRequests("/api/v2/batch/process"));
    }
}
