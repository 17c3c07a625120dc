using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;

namespace SatDownload.SentinelHub.Tests.Batch;

public sealed class SignedUrlExpiryTests
{
    [Fact]
    public async Task Expired_presigned_output_urls_are_signed_again()
    {
        await using var env = await ShEnvironment.StartAsync();
        var storage = new EmulatorObjectStorage(env.Emulator, TimeSpan.FromMinutes(5));
        var request = Samples.Request(2000, 2000, ("default", SentinelHubFormats.Tiff));
        request.Output!.Delivery = ObjectStorageInfo.ForS3("s3://bucket/expiry");
        var task = await env.Client().GetProcessClient().SubmitAsync(request, storage);
        env.Sh.FinishAsyncRequests();
        await task.UpdateStatusAsync();
        var asset = Assert.Single(await task.GetAssetsAsync().CollectAsync());

        // Sign once, let the URL expire on the emulator's clock, then download: the 403 triggers a fresh signature.
        var first = await asset.Resolver!.ResolveAsync(asset, new SignedUrlResolveContext());
        env.Clock.AutoAdvance = false;
        env.Clock.Advance(TimeSpan.FromMinutes(10));
        var result = await new AssetDownloader(new HttpClient()).DownloadAsync(asset, env.NewDirectory());

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.True(storage.Presigned >= 2);
        Assert.NotNull(first);
        Assert.Equal(env.Emulator.Blobs.Get(SatDownload.Testing.SentinelHub.SentinelHubEmulator.BlobNameFor(asset.Href!.OriginalString)).Sha256Hex, result.Sha256);
    }
}
