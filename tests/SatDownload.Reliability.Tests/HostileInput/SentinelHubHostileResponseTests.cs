using System.Text.Json.Nodes;
using SatDownload.Http;
using SatDownload.SentinelHub;
using SatDownload.SentinelHub.Models;
using SatDownload.Testing;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.Reliability.Tests.HostileInput;

/// <summary>
/// Every typed response the Sentinel Hub client reads, served broken by the emulator's fault injector: truncated JSON,
/// wrong types, missing required fields, huge numbers, empty bodies, JSON null, HTML pages (200 and 502), plain text.
/// Each ends in a <see cref="ProviderRequestException"/> naming Sentinel Hub, the call and what was wrong; unknown
/// status values are tolerated and never crash polling.
/// </summary>
public sealed class SentinelHubHostileResponseTests
{
    private const string Api = "/sentinel-hub/eu/api/";
    private const string ClientId = "sh-hostile-client";
    private const string Secret = "sh-hostile-secret-77aa01";
    private const string Html = "<!DOCTYPE html><html><head><title>Sentinel Hub maintenance</title></head><body><h1>Back soon</h1></body></html>";

    /// <summary>The calls: name → (method, faulted path given a batch task id, the call, the response shape).</summary>
    private static readonly Dictionary<string, (string Method, Func<string, string> Path, Func<SentinelHubClient, string, Task> Call, string Shape)> Calls = new(StringComparer.Ordinal)
    {
        ["batch create"] = ("POST", _ => Api + "v2/batch/process", (c, _) => c.GetBatchClient().CreateAsync(BatchRequest()), "task"),
        ["batch get"] = ("GET", id => Api + "v2/batch/process/" + id, (c, id) => c.GetBatchClient().GetAsync(id), "task"),
        ["batch list"] = ("GET", _ => Api + "v2/batch/process", (c, _) => DrainAsync(c.GetBatchClient().ListAsync()), "page"),
        ["tiling grids"] = ("GET", _ => Api + "v2/batch/tilinggrids", (c, _) => DrainAsync(c.GetBatchClient().GetTilingGridsAsync()), "page"),
        ["catalog search"] = ("POST", _ => Api + "v1/catalog/1.0.0/search", (c, _) => DrainAsync(c.GetCatalogClient().SearchAsync(Search())), "features"),
        ["catalog item"] = ("GET", _ => Api + "v1/catalog/1.0.0/collections/sentinel-2-l2a/items/S2A_X", (c, _) => c.GetCatalogClient().GetItemAsync("sentinel-2-l2a", "S2A_X"), "item"),
        ["async submit"] = ("POST", _ => Api + "v1/async/process", (c, _) => c.GetProcessClient().SubmitAsync(AsyncRequest()), "async"),
        ["statistics"] = ("POST", _ => Api + "v1/statistics", (c, _) => c.GetStatisticalClient().GetStatisticsAsync(StatisticalRequest()), "statistics"),
    };

    /// <summary>Broken bodies for every call: (name, status, body, content type, text the message must contain).</summary>
    private static readonly (string Name, int Status, string Body, string ContentType, string Expected)[] CommonBodies = BrokenBodies.Common(Html, "{\"id\":\"0001\",\"status\":\"PRO");

    private static readonly Dictionary<string, (string Name, string Body, string Expected)[]> ShapeBodies = new(StringComparer.Ordinal)
    {
        ["task"] =
        [
            ("task without id", "{\"status\":\"CREATED\"}", "id"),
            ("task without status", "{\"id\":\"4f0c\"}", "status"),
            ("task id of the wrong type", "{\"id\":[1],\"status\":\"CREATED\"}", "$.id"),
            ("huge completion percentage", "{\"id\":\"4f0c\",\"status\":\"PROCESSING\",\"completionPercentage\":1e400}", "completionPercentage"),
            ("cost of the wrong type", "{\"id\":\"4f0c\",\"status\":\"DONE\",\"costPU\":\"lots\"}", "costPU"),
        ],
        ["page"] =
        [
            ("data null", "{\"data\":null}", "data"),
            ("data of the wrong type", "{\"data\":{\"id\":1}}", "$.data"),
            ("null item", "{\"data\":[null]}", "data"),
        ],
        ["features"] =
        [
            ("features null", "{\"type\":\"FeatureCollection\",\"features\":null}", "features"),
            ("feature without id", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"}]}", "features[0]"),
            ("next of the wrong type", "{\"type\":\"FeatureCollection\",\"features\":[],\"context\":{\"next\":{\"a\":1}}}", "next"),
        ],
        ["item"] =
        [
            ("item without id", "{\"type\":\"Feature\",\"properties\":{}}", "id"),
            ("properties of the wrong type", "{\"type\":\"Feature\",\"id\":\"S2A_X\",\"properties\":[1]}", "properties"),
        ],
        ["async"] =
        [
            ("async without id", "{\"status\":\"RUNNING\"}", "id"),
        ],
        ["statistics"] =
        [
            ("data null", "{\"status\":\"OK\",\"data\":null}", "data"),
            ("interval of the wrong type", "{\"status\":\"OK\",\"data\":[{\"interval\":\"June\"}]}", "interval"),
        ],
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (call, spec) in Calls)
        {
            foreach (var body in CommonBodies)
            {
                data.Add(call, body.Name);
            }

            foreach (var body in ShapeBodies[spec.Shape])
            {
                data.Add(call, body.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_broken_response_is_a_readable_typed_error(string call, string bodyName)
    {
        var spec = Calls[call];
        var (status, body, contentType, expected) = CommonBodies.Where(b => b.Name == bodyName).Select(b => (b.Status, b.Body, b.ContentType, b.Expected))
            .Concat(ShapeBodies[spec.Shape].Where(b => b.Name == bodyName).Select(b => (200, b.Body, "application/json", b.Expected)))
            .First();
        await using var env = await Env.StartAsync();
        var taskId = call == "batch get" ? (await env.Client.GetBatchClient().CreateAsync(BatchRequest())).Id : "unused";
        env.Emulator.Faults.On(spec.Path(taskId)).WithMethod(spec.Method).RespondWithStatus(status, int.MaxValue, body: body, contentType: contentType);

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => spec.Call(env.Client, taskId)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderNames.SentinelHub, ex.Provider);
        Assert.False(string.IsNullOrEmpty(ex.Operation), "the error does not name the call: " + ex.Message);
        Assert.Contains("sentinel", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_task_statuses_keep_polling_until_a_known_final_status()
    {
        await using var env = await Env.StartAsync();
        var task = await env.Client.GetBatchClient().CreateAsync(BatchRequest());
        await task.StartAsync();
        var raw = JsonNode.Parse((await env.Client.GetBatchClient().GetAsync(task.Id)).Id is { } id ? $"{{\"id\":\"{id}\",\"status\":\"QUANTUM_REPROCESSING\",\"completionPercentage\":12,\"userAction\":\"TELEPORT\",\"stoppedStatusReason\":\"SOLAR_FLARE\"}}" : "{}")!;
        env.Emulator.Faults.On(Api + "v2/batch/process/" + task.Id).WithMethod("GET").RespondWithStatus(200, 3, body: raw.ToJsonString(), contentType: "application/json");

        var seen = new List<string?>();
        var final = await task.WaitForCompletionAsync(new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(20), MaxInterval = TimeSpan.FromSeconds(45) }, new Progress(p => seen.Add(p.ProviderStatus)))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderTaskStatus.Succeeded, final);
        Assert.Contains("QUANTUM_REPROCESSING", seen);
        Assert.Equal(ProviderTaskStatus.Running, SentinelHubStatusMapping.MapBatch("QUANTUM_REPROCESSING"));
    }

    [Fact]
    public async Task An_item_datetime_that_is_not_a_date_is_tolerated_as_unknown()
    {
        await using var env = await Env.StartAsync();
        env.Emulator.Faults.On(Api + "v1/catalog/1.0.0/collections/sentinel-2-l2a/items/S2A_X").RespondWithStatus(200, 1, body: "{\"type\":\"Feature\",\"id\":\"S2A_X\",\"properties\":{\"datetime\":\"yesterday\"}}", contentType: "application/json");

        var item = await env.Client.GetCatalogClient().GetItemAsync("sentinel-2-l2a", "S2A_X");

        Assert.Equal("S2A_X", item.Id);
        Assert.Null(item.Datetime);
    }

    [Fact]
    public async Task A_broken_token_response_is_a_typed_error_naming_the_token_call()
    {
        await using var env = await Env.StartAsync();
        env.Emulator.Faults.On("/sentinel-hub/auth/realms/main/protocol/openid-connect/token").RespondWithStatus(200, int.MaxValue, body: "{\"token_type\":\"Bearer\"}", contentType: "application/json");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client.GetBatchClient().GetTilingGridAsync(0)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderNames.SentinelHub, ex.Provider);
        Assert.Contains("access_token", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var item in items)
        {
            _ = item;
        }
    }

    private static BatchProcessRequest BatchRequest() => new()
    {
        ProcessRequest = new ProcessRequest
        {
            Input = Input(),
            Output = new ProcessOutput { Responses = [new ProcessResponseSpec { Identifier = "default", Format = new OutputFormat { Type = "image/tiff" } }] },
            Evalscript = "//VERSION=3\nfunction setup(){return {input:[\"B04\"],output:{bands:1}};}\nfunction evaluatePixel(s){return [s.B04];}",
        },
        Input = BatchProcessInput.TilingGrid(0, 60),
        Output = BatchProcessOutput.Raster(ObjectStorageInfo.ForS3("s3://hostile/out")),
    };

    private static ProcessInput Input() => new()
    {
        Bounds = new ProcessBounds { Bbox = [13.82, 45.85, 14.56, 46.29] },
        Data = [new ProcessDataSource { Type = "sentinel-2-l2a", DataFilter = new DataFilter { TimeRange = TimeRange.Between(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero)) } }],
    };

    private static ProcessRequest AsyncRequest() => new()
    {
        Input = Input(),
        Output = new ProcessOutput { Width = 512, Height = 512, Delivery = ObjectStorageInfo.ForS3("s3://hostile/async"), Responses = [new ProcessResponseSpec { Identifier = "default", Format = new OutputFormat { Type = "image/tiff" } }] },
        Evalscript = "//VERSION=3\nfunction setup(){return {input:[\"B04\"],output:{bands:1}};}\nfunction evaluatePixel(s){return [s.B04];}",
    };

    private static StatisticalRequest StatisticalRequest() => new()
    {
        Input = Input(),
        Aggregation = new StatisticalAggregation
        {
            TimeRange = TimeRange.Between(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero)),
            AggregationInterval = new AggregationInterval { Of = "P10D" },
            Width = 100,
            Height = 100,
            Evalscript = "//VERSION=3\nfunction setup(){return {input:[\"B04\",\"dataMask\"],output:[{id:\"default\",bands:1},{id:\"dataMask\",bands:1}]};}\nfunction evaluatePixel(s){return {default:[s.B04],dataMask:[s.dataMask]};}",
        },
    };

    private static CatalogSearchRequest Search() => new() { Collections = ["sentinel-2-l2a"], Datetime = "2024-06-01T00:00:00Z/2024-06-03T00:00:00Z", Limit = 5 };

    private sealed class Progress(Action<ProviderTaskProgress> report) : IProgress<ProviderTaskProgress>
    {
        public void Report(ProviderTaskProgress value) => report(value);
    }

    private sealed class Env : IAsyncDisposable
    {
        private Env(ProviderEmulator emulator, SentinelHubClient client)
        {
            Emulator = emulator;
            Client = client;
        }

        public ProviderEmulator Emulator { get; }

        public SentinelHubClient Client { get; }

        public static async Task<Env> StartAsync()
        {
            var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(50), AutoAdvance = true };
            var sh = new SentinelHubEmulator(new SentinelHubEmulatorOptions { BatchProcessingDuration = TimeSpan.FromMinutes(2) });
            var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { sh }, Clock = clock });
            sh.RegisterClient(SentinelHubEmulator.MainRealm, ClientId, Secret);
            var client = new SentinelHubClient(new SentinelHubClientOptions
            {
                Deployment = SentinelHubDeployment.Custom("emulator-eu", sh.DeploymentUri("eu"), sh.TokenUri(SentinelHubEmulator.MainRealm), SentinelHubIdentityProvider.SentinelHub, sh.LegacyTokenUri),
                ClientId = ClientId,
                ClientSecret = Secret,
                AllowInsecureHttp = true,
                TimeProvider = clock,
                TokenProviders = new OAuth2TokenProviderRegistry(null, clock),
                RateLimiters = new RateLimiterRegistry(clock),
                MaxRetryAttempts = 1,
                RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            });
            return new Env(emulator, client);
        }

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
