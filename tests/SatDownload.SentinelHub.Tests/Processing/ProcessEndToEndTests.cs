using System.Text.Json;
using System.Text.Json.Nodes;
using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Processing;

public sealed class ProcessEndToEndTests
{
    [Fact]
    public async Task Single_response_streams_to_a_file_and_records_the_spent_units()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = env.Client();
        var dir = env.NewDirectory();

        var result = await client.GetProcessClient().ProcessAsync(Samples.Request(512, 512), dir);

        var file = Assert.Single(result.Files);
        Assert.Equal(Path.Combine(dir, "default.png"), file.FilePath);
        Assert.Equal(env.Sh.LastProcessOutputs["default"], Samples.Sha256(file.FilePath));
        Assert.Equal(file.Sha256, Samples.Sha256(file.FilePath));
        Assert.Equal(ShProcessingSignature.Png, File.ReadAllBytes(file.FilePath)[..8]);
        Assert.Equal(1.0, result.EstimatedProcessingUnits, 6);   // 512² px × 3 bands / 3
        Assert.Equal(1.0, result.ProcessingUnitsSpent!.Value, 6);
        Assert.Empty(result.Tiles);
        var post = Assert.Single(env.ApiRequests("/eu/api/v1/process"));
        Assert.Equal("image/png", post.Headers["Accept"]);
        Assert.False(post.Headers.ContainsKey(ProcessingUnitsHandler.CorrelationHeader));
    }

    [Fact]
    public async Task Founding_document_example_is_sent_unchanged()
    {
        await using var env = await ShEnvironment.StartAsync();
        var json = FoundingExample.ToJson("process-request");
        var request = JsonSerializer.Deserialize(json, SentinelHubJsonContext.Default.ProcessRequest)!;
        request.Output!.Responses![0].Identifier = "default"; // the example's "<identifier>" placeholder is not a file name
        var expected = JsonNode.Parse(json)!;
        expected["output"]!["responses"]![0]!["identifier"] = "default";

        var result = await env.Client().GetProcessClient().ProcessAsync(request, env.NewDirectory());

        var sent = JsonNode.Parse(Assert.Single(env.ApiRequests("/api/v1/process")).RequestBody!);
        Assert.True(JsonEquivalence.Equivalent(expected, sent), sent!.ToJsonString());
        Assert.Equal(env.Sh.LastProcessOutputs["default"], result.Files[0].Sha256);
    }

    [Fact]
    public async Task Several_responses_come_as_a_tar_and_are_unpacked_per_identifier()
    {
        await using var env = await ShEnvironment.StartAsync();
        var dir = env.NewDirectory();
        var request = Samples.Request(256, 256, ("default", SentinelHubFormats.Tiff), ("userdata", SentinelHubFormats.Json));

        var result = await env.Client().GetProcessClient().ProcessAsync(request, dir, new ProcessOptions { FileNamePrefix = "scene_" });

        Assert.Equal(2, result.Files.Count);
        var tif = result.FilesFor("default").Single();
        var json = result.FilesFor("userdata").Single();
        Assert.Equal(Path.Combine(dir, "scene_default.tif"), tif.FilePath);
        Assert.Equal(Path.Combine(dir, "scene_userdata.json"), json.FilePath);
        Assert.Equal(env.Sh.LastProcessOutputs["default"], Samples.Sha256(tif.FilePath));
        Assert.Equal(env.Sh.LastProcessOutputs["userdata"], Samples.Sha256(json.FilePath));
        Assert.Equal(2, Directory.GetFiles(dir).Length); // the tar itself is gone
        Assert.Equal("application/tar", Assert.Single(env.ApiRequests("/api/v1/process")).Headers["Accept"]);
    }

    [Fact]
    public async Task Large_output_is_split_into_a_grid_of_tiles_within_the_limit()
    {
        await using var env = await ShEnvironment.StartAsync();
        var dir = env.NewDirectory();
        var request = Samples.Request(5000, 3000, ("default", SentinelHubFormats.Tiff));

        var result = await env.Client().GetProcessClient().ProcessAsync(request, dir);

        Assert.Equal(4, result.Tiles.Count);
        Assert.Equal(4, result.Files.Count);
        var posts = env.ApiRequests("/api/v1/process");
        Assert.Equal(4, posts.Count);
        Assert.All(posts, p => Assert.Equal(200, p.StatusCode));
        foreach (var post in posts)
        {
            var body = JsonNode.Parse(post.RequestBody!)!;
            Assert.InRange(body["output"]!["width"]!.GetValue<int>(), 1, 2500);
            Assert.InRange(body["output"]!["height"]!.GetValue<int>(), 1, 2500);
        }

        Assert.Equal(5000, result.Tiles.Where(t => t.Row == 0).Sum(t => t.Width));
        Assert.Equal(13.82, result.Tiles.Min(t => t.MinX), 9);
        Assert.Equal(46.29, result.Tiles.Max(t => t.MaxY), 9);
        Assert.All(result.Files, f => Assert.True(File.Exists(f.FilePath)));
        Assert.Contains(result.Files, f => f.FilePath.EndsWith("r001_c001_default.tif", StringComparison.Ordinal));
        Assert.Equal(ProcessRequestBuilder.Crs84, result.Crs);
        Assert.Equal(result.EstimatedProcessingUnits, result.ProcessingUnitsSpent!.Value, 4);
    }

    [Fact]
    public async Task Budget_is_checked_before_any_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var client = env.Client();
        var request = Samples.Request(5000, 5000);

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.GetProcessClient().ProcessAsync(request, env.NewDirectory(), new ProcessOptions { Budget = new DownloadBudget { MaxCost = 50, CostUnit = "PU" } }));

        Assert.Equal(BudgetLimit.Cost, ex.Limit);
        Assert.True(ex.Requested > 50);
        Assert.Empty(env.Emulator.Requests);
        Assert.Equal(ex.Requested, client.GetProcessClient().EstimateProcessingUnits(request).Amount);
    }

    [Fact]
    public async Task Bad_input_is_rejected_before_any_request()
    {
        await using var env = await ShEnvironment.StartAsync();
        var process = env.Client().GetProcessClient();
        var dir = env.NewDirectory();

        var both = Samples.Request();
        both.Output!.ResX = 10;
        both.Output.ResY = 10;
        Assert.Contains("not both", (await Assert.ThrowsAsync<ArgumentException>(() => process.ProcessAsync(both, dir))).Message, StringComparison.Ordinal);

        var noData = Samples.Request();
        noData.Input.Data.Clear();
        Assert.Contains("input.data", (await Assert.ThrowsAsync<ArgumentException>(() => process.ProcessAsync(noData, dir))).Message, StringComparison.Ordinal);

        var cloud = Samples.Request();
        cloud.Input.Data[0].DataFilter!.MaxCloudCoverage = 120;
        Assert.Contains("maxCloudCoverage", (await Assert.ThrowsAsync<ArgumentException>(() => process.ProcessAsync(cloud, dir))).Message, StringComparison.Ordinal);

        var big = Samples.Request(3000, 100);
        Assert.Contains("2500", (await Assert.ThrowsAsync<ArgumentException>(() => process.ProcessAsync(big, dir, new ProcessOptions { SplitLargeAreas = false }))).Message, StringComparison.Ordinal);

        var noScript = Samples.Request();
        noScript.Evalscript = null;
        Assert.Contains("evalscript", (await Assert.ThrowsAsync<ArgumentException>(() => process.ProcessAsync(noScript, dir))).Message, StringComparison.Ordinal);

        var band = Samples.Request();
        band.Evalscript = band.Evalscript!.Replace("\"B04\"", "\"B4\"", StringComparison.Ordinal);
        Assert.Contains("band 'B4'", (await Assert.ThrowsAsync<ArgumentException>(() => process.ProcessAsync(band, dir))).Message, StringComparison.Ordinal);

        var badId = Samples.Request(256, 256, ("../x", SentinelHubFormats.Tiff), ("b", SentinelHubFormats.Tiff));
        await Assert.ThrowsAsync<ArgumentException>(() => process.ProcessAsync(badId, dir));

        Assert.Empty(env.Emulator.Requests);
    }

    [Fact]
    public async Task Renderer_exception_is_surfaced_verbatim()
    {
        await using var env = await ShEnvironment.StartAsync();
        var request = Samples.Request();
        request.Evalscript = "//VERSION=3\nfunction setup(){return {input:[\"B04\"],output:{bands:1}};}\nfunction evaluatePixel(s){ throw new Error(\"index out of range\"); }";

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client().GetProcessClient().ProcessAsync(request, env.NewDirectory()));

        Assert.Equal(500, ex.Status);
        Assert.Equal(SentinelHubErrorCodes.RendererException, ex.ErrorCode);
        Assert.Equal("Failed to evaluate script!\nevaluatePixel: Error: index out of range", ex.ProviderMessage);
        Assert.False(ex.IsRetryable);
        Assert.Single(env.ApiRequests("/api/v1/process"));
    }

    [Fact]
    public async Task Rate_limit_429_waits_the_milliseconds_of_Retry_After_then_succeeds()
    {
        await using var env = await ShEnvironment.StartAsync();
        env.Emulator.Faults.On("/sentinel-hub/eu/api/v1/process").RespondWithStatus(429, 2, retryAfter: "3398", body: """{"error":{"status":429,"reason":"Too Many Requests","message":"You have exceeded your rate limit","code":"RATE_LIMIT_EXCEEDED"}}""", contentType: "application/json");
        var before = env.Clock.GetUtcNow();

        var result = await env.Client().GetProcessClient().ProcessAsync(Samples.Request(), env.NewDirectory());

        var posts = env.ApiRequests("/api/v1/process");
        Assert.Equal([429, 429, 200], posts.Select(p => p.StatusCode));
        var waited = posts[2].Timestamp - posts[0].Timestamp;
        Assert.InRange(waited.TotalMilliseconds, 2 * 3398, 2 * 3398 + 5000); // milliseconds, not 3398 seconds
        Assert.True(env.Clock.GetUtcNow() - before < TimeSpan.FromMinutes(1));
        Assert.Equal(env.Sh.LastProcessOutputs["default"], result.Files[0].Sha256);
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_are_retried()
    {
        await using var env = await ShEnvironment.StartAsync();
        env.Emulator.Faults.On("/sentinel-hub/eu/api/v1/process").RespondWithStatus(503, 1);
        env.Emulator.Faults.On("/sentinel-hub/eu/api/v1/process").AfterRequests(1).AbortAfterBytes(100, 1);

        var result = await env.Client().GetProcessClient().ProcessAsync(Samples.Request(1024, 1024), env.NewDirectory());

        Assert.Equal(env.Sh.LastProcessOutputs["default"], Samples.Sha256(result.Files[0].FilePath));
        var posts = env.ApiRequests("/api/v1/process");
        Assert.Equal(503, posts[0].StatusCode);
        Assert.True(posts.Count >= 3, string.Join(", ", posts.Select(p => p.ToString())));
        Assert.Equal(200, posts[^1].StatusCode);
    }

    [Fact]
    public async Task Client_side_limiter_keeps_parallel_calls_within_the_account_policy()
    {
        var emulatorOptions = new SentinelHubEmulatorOptions { RequestsPerMinute = 60, ProcessingUnitsPerMinute = 4 };
        await using var env = await ShEnvironment.StartAsync(emulatorOptions);
        var client = env.Client(o => new SentinelHubClientOptions
        {
            Deployment = o.Deployment, ClientId = o.ClientId, ClientSecret = o.ClientSecret, AllowInsecureHttp = true,
            TokenProviders = o.TokenProviders, RateLimiters = o.RateLimiters, TimeProvider = o.TimeProvider,
            RequestsPerMinute = 60, ProcessingUnitsPerMinute = 4,
        });
        var process = client.GetProcessClient();
        await client.GetCatalogClient().GetCollectionsAsync(); // token in cache, as in a running application

        // 12 requests of 1 PU each against 4 PU/min: bursting would be refused with 429s.
        var results = await env.WithTickingClockAsync(() => Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
        {
            var r = Samples.Request(512, 512);
            r.Input.Data[0].DataFilter!.MaxCloudCoverage = i; // distinct bodies
            return process.ProcessAsync(r, env.NewDirectory());
        })), TimeSpan.FromMilliseconds(500));

        Assert.All(results, r => Assert.Single(r.Files));
        var posts = env.ApiRequests("/api/v1/process");
        // Without the limiter 8 of the 12 are refused at once; with it at most one lands a moment early, because the
        // account's bucket starts at the first request and the client's when it is built, and is retried after Retry-After.
        Assert.True(env.Sh.ThrottledRequests <= 1, string.Join("\n", posts.Select(p => p.Timestamp.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture) + " " + p.StatusCode)));
        Assert.Equal(12, posts.Count(p => p.StatusCode == 200));
        Assert.True(posts[^1].Timestamp - posts[0].Timestamp >= TimeSpan.FromMinutes(1.5), "PU pacing spreads 12 PU over about two minutes at 4 PU/min");
    }

    [Fact]
    public async Task Builder_over_an_aoi_in_utm_sizes_by_metres()
    {
        await using var env = await ShEnvironment.StartAsync();
        var aoi = Aoi.FromBoundingBox(14.0, 46.0, 14.2, 46.1);
        var request = ProcessRequestBuilder.For(aoi)
            .InUtm()
            .AddData("sentinel-2-l2a", new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero), d => d.DataFilter!.MaxCloudCoverage = 20)
            .WithResolution(10, 10)
            .AddResponse("default", SentinelHubFormats.Tiff)
            .WithEvalscript(Samples.TrueColor)
            .Build();

        Assert.Equal("http://www.opengis.net/def/crs/EPSG/0/32633", request.Input.Bounds!.Properties!.Crs);
        var size = OutputSize.Resolve(request);
        Assert.InRange(size.Width, 1530, 1560);   // ~15.4 km at 46°N
        Assert.InRange(size.Height, 1105, 1140);  // ~11.1 km plus the rotation of the zone
        Assert.InRange(request.Input.Bounds.Bbox![0], 422000, 424000);

        var result = await env.Client().GetProcessClient().ProcessAsync(request, env.NewDirectory());
        Assert.Equal(env.Sh.LastProcessOutputs["default"], result.Files[0].Sha256);
    }
}

internal static class ShProcessingSignature
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}
