using SatDownload.Eos;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Unified;
using SatDownload.Http;
using SatDownload.Reliability.Tests.Support;
using SatDownload.Testing;
using SatDownload.Testing.Eos;

namespace SatDownload.Reliability.Tests.HostileInput;

/// <summary>
/// Every typed response the EOS client reads (task creation, task status, scene search), served broken by the
/// emulator's fault injector: truncated JSON, wrong types, missing required fields, huge numbers, empty bodies, JSON
/// null, HTML pages (200 and 502). Each ends in a <see cref="ProviderRequestException"/> naming EOS, the call and what
/// was wrong; unknown task statuses never crash polling.
/// </summary>
public sealed class EosHostileResponseTests
{
    private const string TaskPath = "/eos/api/gdw/api";
    private const string Html = "<!DOCTYPE html><html><head><title>EOS maintenance</title></head><body><h1>Back soon</h1></body></html>";

    /// <summary>The calls: name → (method, faulted path given the task id, the typed operation name).</summary>
    private static readonly Dictionary<string, (string Method, Func<string, string> Path, string Operation)> Calls = new(StringComparer.Ordinal)
    {
        ["create task"] = ("POST", _ => TaskPath, "POST /api/gdw/api"),
        ["task status"] = ("GET", id => TaskPath + "/" + id, "GET /api/gdw/api/{task_id}"),
        ["search"] = ("POST", _ => "/eos/api/lms/search/v2/sentinel2", "POST /api/lms/search/v2/{dataset}"),
    };

    /// <summary>Broken bodies for every call: (name, status, body, content type, text the message must contain).</summary>
    private static readonly (string Name, int Status, string Body, string ContentType, string Expected)[] CommonBodies = BrokenBodies.Common(Html, "{\"status\":\"succ", emptyBodyText: "empty");

    /// <summary>Bodies specific to the shape each call reads.</summary>
    private static readonly Dictionary<string, (string Name, string Body, string Expected)[]> ShapeBodies = new(StringComparer.Ordinal)
    {
        ["create task"] =
        [
            ("missing task_id", "{\"status\":\"created\",\"req_id\":\"r-1\"}", "no task_id"),
            ("empty task_id", "{\"status\":\"created\",\"task_id\":\"\"}", "no task_id"),
            ("task_id of the wrong type", "{\"status\":\"created\",\"task_id\":42}", "$.task_id"),
            ("task_timeout of the wrong type", "{\"status\":\"created\",\"task_id\":\"t-1\",\"task_timeout\":\"soon\"}", "$.task_timeout"),
            ("huge task_timeout", "{\"status\":\"created\",\"task_id\":\"t-1\",\"task_timeout\":99999999999999999999999}", "$.task_timeout"),
            ("status of the wrong type", "{\"status\":{\"a\":1},\"task_id\":\"t-1\"}", "$.status"),
        ],
        ["task status"] =
        [
            ("status of the wrong type", "{\"status\":7,\"task_id\":\"t-1\"}", "$.status"),
            ("result of the wrong type", "{\"status\":\"success\",\"result\":42}", "result"),
            ("result url of the wrong type", "{\"status\":\"success\",\"result\":[{\"url\":12}]}", "url"),
            ("result url that is not a URL", "{\"status\":\"success\",\"result\":[{\"url\":\"::not a url::\"}]}", "url"),
            ("result_url of the wrong type", "{\"status\":\"success\",\"result_url\":[1]}", "result_url"),
        ],
        ["search"] =
        [
            ("results null", "{\"results\":null}", "results"),
            ("missing results", "{\"meta\":{\"found\":1}}", "results"),
            ("results of the wrong type", "{\"results\":{\"view_id\":\"x\"}}", "$.results"),
            ("null scene", "{\"results\":[null]}", "results"),
            ("scene without view_id", "{\"results\":[{\"sceneID\":\"S2A\",\"date\":\"2023-07-19\"}]}", "view_id"),
            ("view_id of the wrong type", "{\"results\":[{\"view_id\":5}]}", "$.results[0].view_id"),
            ("cloud cover as text", "{\"results\":[{\"view_id\":\"S2/1/A\",\"cloudCoverage\":\"high\"}]}", "$.results[0].cloudCoverage"),
            ("huge cloud cover", "{\"results\":[{\"view_id\":\"S2/1/A\",\"cloudCoverage\":1e400}]}", "cloudCoverage"),
        ],
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var call in Calls.Keys)
        {
            foreach (var body in CommonBodies)
            {
                data.Add(call, body.Name);
            }

            foreach (var body in ShapeBodies[call])
            {
                data.Add(call, body.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Broken_response_becomes_a_readable_ProviderRequestException(string call, string bodyName)
    {
        await using var env = await Environment.StartAsync();
        var (method, path, operation) = Calls[call];
        var (status, body, contentType, expected) = Find(call, bodyName);
        var task = call == "task status" ? await env.Client.CreateLoadByExtentTaskAsync(Environment.Request()) : null;
        env.Emulator.Faults.On(path(task?.Id ?? string.Empty)).WithMethod(method).RespondWithStatus(status, int.MaxValue, body: body, contentType: contentType);

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => InvokeAsync(env, call, task)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderNames.Eos, ex.Provider);
        Assert.Equal(operation, ex.Operation);
        Assert.Equal(status, ex.Status);
        Assert.StartsWith("eos " + operation + " failed", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Contains(expected, StringComparison.OrdinalIgnoreCase), $"\"{expected}\" not in: {ex.Message}");
        Assert.False(ex.IsRetryable && status == 200, "a malformed 200 body is not worth retrying");
    }

    [Fact]
    public async Task Unknown_task_statuses_never_crash_polling_through_the_client_or_SatDownloadClient()
    {
        await using var env = await Environment.StartAsync();
        var task = await env.Client.CreateLoadByExtentTaskAsync(Environment.Request());
        env.Clock.Advance(TimeSpan.FromMinutes(5));
        var unknown = env.Emulator.Faults.On(TaskPath + "/" + task.Id).WithMethod("GET").RespondWithStatus(200, 3, contentType: "application/json",
            body: $"{{\"status\":\"queued_for_review\",\"task_id\":\"{task.Id}\",\"progress\":{{\"a\":[1]}}}}");
        var reports = new List<ProviderTaskProgress>();

        var status = await task.WaitForCompletionAsync(Environment.Polling, new Reporter<ProviderTaskProgress>(reports.Add)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderTaskStatus.Succeeded, status);
        Assert.Equal(3, reports.Count(r => r.ProviderStatus == "queued_for_review" && r.Status == ProviderTaskStatus.Running));
        unknown.Remove();

        // The same through SatDownloadClient (a status missing altogether too): polled past, and the file lands.
        env.Emulator.Faults.On(TaskPath + "/" + task.Id).WithMethod("GET").RespondWithStatus(200, 1, contentType: "application/json", body: "{\"status\":\"PAUSED\"}");
        env.Emulator.Faults.On(TaskPath + "/" + task.Id).WithMethod("GET").AfterRequests(1).RespondWithStatus(200, 1, contentType: "application/json", body: "{\"note\":\"no status at all\"}");
        using var destination = new TempDirectory();
        var options = new SatDownloadClientOptions { TimeProvider = env.Clock, Polling = Environment.Polling };
        options.Providers.Add(new EosImageryProvider(env.Client));
        var result = await new SatDownloadClient(options, new AssetDownloader(new HttpClient()))
            .DownloadAsync(EosLoadByExtentImageryRequest.ForExistingTasks(task.Id), destination.Path).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.Succeeded, result.ToString());
        var download = Assert.Single(result.Downloads);
        Assert.Equal(env.Emulator.Blobs.Get(env.Eos.ResultBlobName(task.Id)).Sha256Hex, Hashing.Sha256OfFile(download.FilePath!));
    }

    [Fact]
    public async Task Broken_error_bodies_still_give_a_readable_error_with_the_status()
    {
        await using var env = await Environment.StartAsync();
        foreach (var (body, type) in new[]
                 {
                     ("{\"message\":\"Bad Req", "application/json"),
                     ("{\"message\":42,\"errors\":[{\"x\":null}],\"detail\":{}}", "application/json"),
                     (Html, "text/html"),
                     (string.Empty, "application/json"),
                     (new string('x', 100_000), "text/plain"),
                 })
        {
            env.Emulator.Faults.On(TaskPath).WithMethod("POST").RespondWithStatus(400, 1, body: body, contentType: type);

            var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client.CreateLoadByExtentTaskAsync(Environment.Request()));

            Assert.Equal(400, ex.Status);
            Assert.Equal("POST /api/gdw/api", ex.Operation);
            Assert.StartsWith("eos POST /api/gdw/api failed with HTTP 400", ex.Message, StringComparison.Ordinal);
            Assert.True(ex.Message.Length < 2_000, $"message of {ex.Message.Length} characters");
        }
    }

    [Fact]
    public async Task A_refused_api_key_is_a_typed_error_naming_EOS_and_the_fix()
    {
        await using var env = await Environment.StartAsync();
        foreach (var status in new[] { 401, 403 })
        {
            env.Emulator.Faults.On(TaskPath).WithMethod("POST").RespondWithStatus(status, 1, body: "{\"message\":\"Invalid API key\"}", contentType: "application/json");

            var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client.CreateLoadByExtentTaskAsync(Environment.Request()));

            Assert.Equal(status, ex.Status);
            Assert.False(ex.IsRetryable);
            Assert.Contains("eos", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(EosEmulatorOptions.DefaultApiKey, ex.ToString(), StringComparison.Ordinal);
        }
    }

    private static async Task InvokeAsync(Environment env, string call, EosLoadByExtentTask? task)
    {
        switch (call)
        {
            case "create task":
                await env.Client.CreateLoadByExtentTaskAsync(Environment.Request());
                break;
            case "task status":
                await task!.UpdateStatusAsync();
                break;
            case "search":
                await foreach (var scene in env.Client.SearchScenesAsync(new EosSceneSearchRequest
                {
                    Datasets = ["sentinel2"],
                    Aoi = Aoi.FromBoundingBox(-104.9, 27.1, -104.8, 27.2),
                    From = new DateOnly(2023, 7, 1),
                    To = new DateOnly(2023, 7, 31),
                }))
                {
                    Assert.NotNull(scene.ViewId);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(call), call, null);
        }
    }

    private static (int Status, string Body, string ContentType, string Expected) Find(string call, string bodyName)
    {
        foreach (var body in CommonBodies)
        {
            if (body.Name == bodyName)
            {
                // The status call may also deliver the file itself, so text there is named by its first words instead.
                var expected = call == "task status" && body.Name == "plain text" ? "Service temporarily unavailable" : body.Expected;
                return (body.Status, body.Body, body.ContentType, expected);
            }
        }

        foreach (var body in ShapeBodies[call])
        {
            if (body.Name == bodyName)
            {
                return (200, body.Body, "application/json", body.Expected);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(bodyName), bodyName, null);
    }

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>The EOS emulator on an auto-advancing clock and a client with few, short attempts.</summary>
    private sealed class Environment : IAsyncDisposable
    {
        private Environment(ProviderEmulator emulator, VirtualClock clock, EosEmulator eos, EosClient client)
        {
            Emulator = emulator;
            Clock = clock;
            Eos = eos;
            Client = client;
        }

        public static TaskPollingOptions Polling { get; } = new() { InitialInterval = TimeSpan.FromSeconds(10), MaxInterval = TimeSpan.FromSeconds(10) };

        public ProviderEmulator Emulator { get; }

        public VirtualClock Clock { get; }

        public EosEmulator Eos { get; }

        public EosClient Client { get; }

        public static EosLoadByExtentRequest Request() => new()
        {
            ViewId = "S2/13/R/EL/2023/7/19/0",
            Bands = ["B04", "B08"],
            Merge = true,
            Aoi = Aoi.FromBoundingBox(-104.88, 27.16, -104.87, 27.17),
        };

        public static async Task<Environment> StartAsync()
        {
            var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromMinutes(2), AutoAdvance = true };
            var eos = new EosEmulator(new EosEmulatorOptions());
            var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { eos }, Clock = clock });
            var client = new EosClient(new EosClientOptions
            {
                Endpoint = emulator.GetProviderUri(eos),
                ApiKey = EosEmulatorOptions.DefaultApiKey,
                TimeProvider = clock,
                RateLimiterRegistry = new RateLimiterRegistry(clock),
                MaxAttempts = 2,
                RequestTimeout = TimeSpan.FromSeconds(60),
            });
            return new Environment(emulator, clock, eos, client);
        }

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
