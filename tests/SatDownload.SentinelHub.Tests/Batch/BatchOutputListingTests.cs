using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Batch;

/// <summary>Batch v2 outputs listed from the output path template, tile names from the execution database, resolved by a user presigner.</summary>
public sealed class BatchOutputListingTests
{
    private static readonly TaskPollingOptions Fast = new() { InitialInterval = TimeSpan.FromSeconds(20), MaxInterval = TimeSpan.FromSeconds(45) };

    private static BatchProcessRequest Request(string url)
    {
        var pr = Samples.Request(1, 1, ("default", SentinelHubFormats.Tiff), ("ndvi", SentinelHubFormats.Tiff));
        pr.Output!.Width = null;
        pr.Output.Height = null;
        return new BatchProcessRequest
        {
            ProcessRequest = pr,
            Input = BatchProcessInput.TilingGrid(0, 60),
            Output = BatchProcessOutput.Raster(ObjectStorageInfo.ForS3(url, "AKIAEXAMPLE", "batch-secret-0123456")),
        };
    }

    /// <summary>What a user writes with an S3 SDK presigner; here the emulator's signed blob URLs stand in for it.</summary>
    private static (DelegateSignedUrlResolver Resolver, List<Uri> Signed) Presigner(ShEnvironment env)
    {
        var signed = new List<Uri>();
        var resolver = new DelegateSignedUrlResolver((asset, _, _) =>
        {
            lock (signed)
            {
                signed.Add(asset.Href!);
            }

            var url = env.Emulator.Blobs.GetSignedUrl(SentinelHubEmulator.BlobNameFor(asset.Href!.OriginalString), TimeSpan.FromHours(1));
            return ValueTask.FromResult(new DownloadLocation(url) { ExpiresAt = env.Clock.GetUtcNow().AddHours(1) });
        });
        return (resolver, signed);
    }

    [Fact]
    public async Task Outputs_come_from_the_template_and_the_execution_database_and_fatal_tiles_are_left_out()
    {
        var options = new SentinelHubEmulatorOptions { BatchProcessingDuration = TimeSpan.FromMinutes(2) };
        options.BatchFatalTileNames.Add("33TUK_0_1");
        await using var env = await ShEnvironment.StartAsync(options);
        var (resolver, signed) = Presigner(env);
        var batch = env.Client().GetBatchClient();
        var task = await batch.CreateAsync(Request("s3://results/<requestId>/<tileName>/<outputId>.<format>"), new SentinelHubBatchOutputOptions { Resolver = resolver });
        await task.StartAsync();
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.WaitForCompletionAsync(Fast));

        var assets = await task.GetAssetsAsync().CollectAsync();

        var data = assets.Where(a => a.Roles.Contains(AssetRoles.Data)).ToList();
        Assert.Equal(
            new[] { "33TUK_0_0/default", "33TUK_0_0/ndvi", "33TUK_1_0/default", "33TUK_1_0/ndvi" },
            data.Select(a => a.AssetKey).Order(StringComparer.Ordinal));
        Assert.All(data, a => Assert.Equal($"s3://results/{task.Id}/{a.Properties["tileName"]}/{a.Properties["outputId"]}.tif", a.Href!.OriginalString));
        Assert.All(assets, a => Assert.Same(resolver, a.Resolver));
        Assert.Equal(["33TUK_0_1"], task.FailedTiles);
        Assert.Contains(new Uri($"s3://results/{task.Id}/execution-{task.Id}.sqlite"), signed);

        var dir = env.NewDirectory();
        var results = await new AssetDownloader(new HttpClient()).DownloadAsync(assets, dir);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Exception?.ToString()));
        Assert.All(results, r => Assert.Equal(env.Emulator.Blobs.Get(SentinelHubEmulator.BlobNameFor(r.Asset.Href!.OriginalString)).Sha256Hex, r.Sha256));

        // The bookkeeping files are real SQLite/GeoPackage files: the manifest lists every tile and output with its path.
        var manifest = results.Single(r => r.Asset.AssetKey == "feature-manifest").FilePath!;
        var bytes = await File.ReadAllBytesAsync(manifest);
        Assert.Equal("GPKG"u8.ToArray(), bytes.AsSpan(68, 4).ToArray());
        var features = SqliteTableReader.ReadTable(bytes, "feature_32633");
        Assert.Equal(6, features.Count);
        Assert.Contains(features, f => (string)f["path"]! == $"s3://results/{task.Id}/33TUK_0_1/ndvi.tif" && (string)f["identifier"]! == "33TUK_0_1");
        Assert.Contains("gpkg_contents", SqliteTableReader.TableNames(bytes));
    }

    [Fact]
    public async Task Known_tile_names_need_no_execution_database_and_hrefs_stay_s3_without_a_resolver()
    {
        await using var env = await ShEnvironment.StartAsync();
        var task = await env.Client().GetBatchClient().CreateAsync(
            Request("s3://results/run"),
            new SentinelHubBatchOutputOptions { TileNames = ["T1", "T2"] });

        var assets = await task.GetAssetsAsync().CollectAsync();

        Assert.Equal(4, assets.Count);
        Assert.All(assets, a => Assert.Null(a.Resolver));
        Assert.Contains(assets, a => a.Href!.OriginalString == $"s3://results/run/{task.Id}/T2/ndvi.tif");
        Assert.DoesNotContain(env.Emulator.Requests.Snapshot(), r => r.Path.Contains("/s3/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_tile_names_or_a_resolver_the_error_says_what_to_pass()
    {
        await using var env = await ShEnvironment.StartAsync();
        var task = await env.Client().GetBatchClient().CreateAsync(Request("s3://results/run"), new SentinelHubBatchOutputOptions());

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => task.GetAssetsAsync().CollectAsync());

        Assert.Contains("Resolver", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TileNames", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_execution_database_is_a_typed_error_naming_the_object()
    {
        await using var env = await ShEnvironment.StartAsync();
        var (resolver, _) = Presigner(env);
        var task = await env.Client().GetBatchClient().CreateAsync(Request("s3://results/run"), new SentinelHubBatchOutputOptions { Resolver = resolver });

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => task.GetAssetsAsync().CollectAsync());

        Assert.Equal(404, ex.Status);
        Assert.Contains($"execution-{task.Id}.sqlite", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://b/p", "abc", "s3://b/p/abc/")]
    [InlineData("s3://b/out/<requestId>/<tileName>.<format>", "abc", "s3://b/out/abc/")]
    [InlineData("s3://b/flat/<tileName>-<outputId>.<format>", "abc", "s3://b/flat/")]
    public void Task_folder_follows_the_template(string url, string id, string expected)
    {
        var template = SentinelHubBatchTask.OutputTemplate(new BatchProcessRequest { ProcessRequest = Samples.Request(), Output = BatchProcessOutput.Raster(ObjectStorageInfo.ForS3(url)) });
        Assert.Equal(expected, BatchOutputLayout.TaskFolder(template, id).OriginalString);
    }

    [Fact]
    public void Tile_names_that_would_escape_the_template_are_refused()
    {
        Assert.Throws<ArgumentException>(() => BatchOutputLayout.OutputUri("s3://b/<requestId>/<tileName>.<format>", "id", "../x", "default", "tif"));
        Assert.Throws<ArgumentException>(() => BatchOutputLayout.OutputUri("s3://b/<requestId>/<tileName>.<format>", "id", "a/b", "default", "tif"));
    }

    [Fact]
    public void Damaged_sqlite_files_are_invalid_data_not_crashes()
    {
        Assert.Throws<InvalidDataException>(() => SqliteTableReader.ReadTable([], "features"));
        Assert.Throws<InvalidDataException>(() => SqliteTableReader.ReadTable("not a database at all, just text bytes here............................................................................................"u8.ToArray(), "features"));
        var header = new byte[4096];
        "SQLite format 3\0"u8.CopyTo(header);
        header[16] = 0x10;
        header[17] = 0x00;
        header[100] = 0x0D;
        header[103] = 0xFF; // claims 65,280 cells on a 4 KiB page
        header[104] = 0x00;
        Assert.Throws<InvalidDataException>(() => SqliteTableReader.ReadTable(header, "features"));
        var random = new byte[8192];
        new Random(7).NextBytes(random);
        "SQLite format 3\0"u8.CopyTo(random);
        random[16] = 0x10;
        random[17] = 0x00;
        random[20] = 0;
        random[56] = random[57] = random[58] = 0;
        random[59] = 1;
        Assert.Throws<InvalidDataException>(() => SqliteTableReader.ReadTable(random, "features"));
    }
}
