using System.Security.Cryptography;
using SatDownload.Iceye.Assets;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Tests.Emulator;
using SatDownload.Testing.Iceye;

namespace SatDownload.Iceye.Tests.EndToEnd;

/// <summary>Tasks to files on disk through the shared <see cref="AssetDownloader"/>, with expiring URLs and faults.</summary>
public sealed class IceyeDownloadTests : IDisposable
{
    private const long LargeSize = 24L * 1024 * 1024;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "satdownload-iceye-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static AssetDownloader Downloader(IceyeTestEnvironment env) =>
        new(new HttpClient(), new AssetDownloaderOptions { TimeProvider = env.Clock });

    private static DownloadOptions SingleConnection => new()
    {
        MaxConnectionsPerFile = 1,
        MaxConcurrentDownloads = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    private static async Task<(IceyeTestEnvironment Env, SatDownload.Iceye.Tasks.IceyeTask Task)> FulfilledAsync(IceyeEmulatorOptions options)
    {
        var env = await IceyeTestEnvironment.StartAsync(options);
        var request = env.NewRequest();
        request.ProductTypes = new List<IceyeProductType> { IceyeProductType.Sicd };
        var task = await env.Client.CreateTaskAsync(request);
        env.Advance(options.ReceivedDuration + options.ActiveDuration);
        await task.UpdateStatusAsync();
        Assert.Equal("FULFILLED", task.ProviderStatus);
        return (env, task);
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    [Fact]
    public async Task A_large_asset_whose_url_expires_mid_download_is_renewed_and_ends_byte_identical()
    {
        var options = new IceyeEmulatorOptions { SignedUrlTimeToLive = TimeSpan.FromHours(1) };
        options.DataFileSizes["GRD"] = LargeSize;
        var (env, task) = await FulfilledAsync(options);
        await using var _ = env;
        var asset = Assert.Single(await Assets.IceyeProductsFlowTests.Collect(task.GetAssetsAsync(new IceyeAssetFilter { AssetKeys = { "grd-tif" } })));
        var blob = IceyeEmulator.AssetBlobName(task.Id, "GRD", "grd-tif");

        // The first response is cut after 40 %; while the downloader comes back for the rest, an hour passes, so the
        // URL it holds has expired by the time storage checks it: storage answers 403 and the resolver must re-list.
        env.Host.Faults.OnBlob(blob).AbortAfterBytes(LargeSize * 4 / 10);
        env.Host.Faults.OnBlob(blob).AfterRequests(1).OnRequest(_ =>
        {
            env.Advance(TimeSpan.FromMinutes(61));
            return Task.FromResult(false);
        }, times: 1);

        var result = await Downloader(env).DownloadAsync(asset, _directory, SingleConnection);

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(LargeSize, new FileInfo(result.FilePath!).Length);
        Assert.Equal(env.Host.Blobs.Get(blob).Sha256Hex, result.Sha256);
        Assert.Equal(env.Host.Blobs.Get(blob).Sha256Hex, Sha256Of(result.FilePath!));
        Assert.Equal(1, env.Client.AssetResolver.RefreshCount);
        var storage = env.Host.Requests.ForBlob(blob);
        Assert.Equal(new[] { 403 }, storage.Where(r => r.StatusCode >= 400).Select(r => r.StatusCode));
        var last = storage[^1];
        Assert.Equal(206, last.StatusCode);
        // It continues from the byte reached, not from zero. How far that is depends on the socket: a reset discards
        // what was still unread in the receive buffer (several MB on loopback), so the check is on the Range the
        // downloader asked for (after the first response's bytes, inside what the aborted response delivered) rather
        // than on a fixed share of the file.
        var range = last.Headers.First(h => string.Equals(h.Key, "Range", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.StartsWith("bytes=", range, StringComparison.Ordinal);
        var resumedAt = long.Parse(range["bytes=".Length..range.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(resumedAt > 0, "the download restarted from zero: " + range);
        Assert.True(resumedAt <= storage[0].BytesSent, $"resumed at {resumedAt}, beyond the {storage[0].BytesSent} bytes the first response sent");
        Assert.Equal(LargeSize - resumedAt, last.BytesSent);
        Assert.True(result.BytesRetransmitted < LargeSize / 10);
        Assert.Equal(2, env.ApiRequests.Count(r => r.Path.EndsWith("/products", StringComparison.Ordinal) && !r.QueryParameterNames.Contains("cursor")));
    }

    [Fact]
    public async Task With_a_short_ttl_and_parallel_segments_every_segment_continues_after_one_renewal()
    {
        const long size = 32L * 1024 * 1024;
        var options = new IceyeEmulatorOptions { SignedUrlTimeToLive = TimeSpan.FromMinutes(5) };
        options.DataFileSizes["GRD"] = size;
        var (env, task) = await FulfilledAsync(options);
        await using var _ = env;
        var asset = Assert.Single(await Assets.IceyeProductsFlowTests.Collect(task.GetAssetsAsync(new IceyeAssetFilter { AssetKeys = { "grd-tif" } })));
        var blob = IceyeEmulator.AssetBlobName(task.Id, "GRD", "grd-tif");
        env.Host.Faults.OnBlob(blob).AfterRequests(3).OnRequest(_ =>
        {
            env.Advance(TimeSpan.FromMinutes(6));
            return Task.FromResult(false);
        }, times: 1);

        var result = await Downloader(env).DownloadAsync(asset, _directory, new DownloadOptions
        {
            MaxConnectionsPerFile = 4,
            AddConnectionsBelowBytesPerSecond = null, // every segment in parallel from the start
            SegmentSizeBytes = 4L * 1024 * 1024,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        });

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(env.Host.Blobs.Get(blob).Sha256Hex, Sha256Of(result.FilePath!));
        Assert.InRange(env.Client.AssetResolver.RefreshCount, 1, 2);
        Assert.Contains(env.Host.Requests.ForBlob(blob), r => r.StatusCode == 403);
        Assert.True(result.BytesRetransmitted < size / 4, $"{result.BytesRetransmitted} bytes were sent twice");
    }

    [Fact]
    public async Task A_url_that_expired_before_the_download_started_is_renewed_without_a_refusal()
    {
        var (env, task) = await FulfilledAsync(new IceyeEmulatorOptions());
        await using var _ = env;
        var assets = await Assets.IceyeProductsFlowTests.Collect(task.GetAssetsAsync(IceyeAssetFilter.DataOnly()));
        env.Advance(TimeSpan.FromMinutes(90));

        var results = await Downloader(env).DownloadAsync(assets, _directory, SingleConnection);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        Assert.DoesNotContain(env.Host.Requests.ForProvider(SatDownload.Testing.ProviderEmulator.BlobStoreProviderName), r => r.StatusCode == 403);
        Assert.True(env.Client.AssetResolver.RefreshCount >= 1);
        foreach (var r in results)
        {
            Assert.Equal(env.Host.Blobs.Get(IceyeEmulator.AssetBlobName(task.Id, r.Asset.Properties["sar:product_type"], r.Asset.AssetKey)).Sha256Hex, Sha256Of(r.FilePath!));
        }
    }

    [Fact]
    public async Task A_dropped_connection_resumes_from_the_current_byte_without_listing_again()
    {
        var options = new IceyeEmulatorOptions();
        options.DataFileSizes["GRD"] = 6L * 1024 * 1024;
        var (env, task) = await FulfilledAsync(options);
        await using var _ = env;
        var asset = Assert.Single(await Assets.IceyeProductsFlowTests.Collect(task.GetAssetsAsync(new IceyeAssetFilter { AssetKeys = { "grd-tif" } })));
        var blob = IceyeEmulator.AssetBlobName(task.Id, "GRD", "grd-tif");
        env.Host.Faults.OnBlob(blob).AbortAfterBytes(2L * 1024 * 1024);

        var result = await Downloader(env).DownloadAsync(asset, _directory, SingleConnection);

        Assert.True(result.Succeeded, result.Exception?.ToString());
        Assert.Equal(env.Host.Blobs.Get(blob).Sha256Hex, Sha256Of(result.FilePath!));
        Assert.Equal(0, env.Client.AssetResolver.RefreshCount);
        Assert.True(env.Host.Requests.ForBlob(blob).Count >= 2);
    }

    [Fact]
    public async Task Whole_flow_sla_products_when_fulfilled_then_the_rest_when_done_all_byte_identical()
    {
        var options = new IceyeEmulatorOptions
        {
            ReceivedDuration = TimeSpan.FromSeconds(2),
            ActiveDuration = TimeSpan.FromSeconds(4),
            FulfilledDuration = TimeSpan.FromSeconds(4),
        };
        await using var env = await IceyeTestEnvironment.StartAsync(options);
        var request = env.NewRequest();
        request.ProductTypes = new List<IceyeProductType> { IceyeProductType.Sicd, IceyeProductType.GrdCog };
        var task = await env.Client.CreateTaskAsync(request);
        var downloader = Downloader(env);

        await task.WaitForCompletionAsync(new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(1), CompleteWhenAssetsAvailable = true });
        var sla = await Assets.IceyeProductsFlowTests.Collect(task.GetAssetsAsync());
        var first = await downloader.DownloadAsync(sla, _directory, SingleConnection);
        await task.WaitForCompletionAsync();
        var filter = new IceyeAssetFilter();
        foreach (var id in sla.Select(a => a.ProductId).Distinct())
        {
            filter.ExcludeProductIds.Add(id);
        }

        var rest = await Assets.IceyeProductsFlowTests.Collect(task.GetAssetsAsync(filter));
        var second = await downloader.DownloadAsync(rest, _directory, SingleConnection);

        Assert.Equal(new[] { "GRD", "QLK" }, sla.Select(a => a.Properties["sar:product_type"]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "GRD-COG", "SICD" }, rest.Select(a => a.Properties["sar:product_type"]).Distinct().Order(StringComparer.Ordinal));
        foreach (var r in first.Concat(second))
        {
            Assert.True(r.Succeeded, r.Exception?.ToString());
            Assert.StartsWith(Path.Combine(_directory, "iceye", r.Asset.ProductId), r.FilePath!, StringComparison.Ordinal);
            Assert.Equal(env.Host.Blobs.Get(IceyeEmulator.AssetBlobName(task.Id, r.Asset.Properties["sar:product_type"], r.Asset.AssetKey)).Sha256Hex, Sha256Of(r.FilePath!));
        }

        var geotiff = first.Single(r => r.Asset.AssetKey == "grd-tif").FilePath!;
        var header = new byte[4];
        await using (var stream = File.OpenRead(geotiff))
        {
            await stream.ReadExactlyAsync(header);
        }

        Assert.Equal("II*\0"u8.ToArray(), header);
        Assert.Equal(first.Count + second.Count, Directory.GetFiles(_directory, "*", SearchOption.AllDirectories).Count(f => !f.EndsWith(".part", StringComparison.Ordinal) && !f.Contains(".satdownload", StringComparison.Ordinal)));
    }
}
