using SatDownload.Http;
using SatDownload.Iceye;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;
using SatDownload.Reliability.Tests.Support;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Reliability.Tests.HostileInput;

/// <summary>
/// Every typed response the ICEYE client reads, served broken by the emulator's fault injector: truncated JSON, wrong
/// types, missing required fields, huge numbers, empty bodies, JSON null, HTML pages (200 and 502). Each ends in a
/// <see cref="ProviderRequestException"/> naming ICEYE, the call and what was wrong; unknown enum values are tolerated
/// and unknown task statuses never crash polling.
/// </summary>
public sealed class IceyeHostileResponseTests
{
    private const string TasksPath = "/iceye/api/tasking/v2/tasks";
    private const string Html = "<!DOCTYPE html><html><head><title>ICEYE maintenance</title></head><body><h1>We'll be back soon</h1></body></html>";

    /// <summary>The calls: name → (method, path of the faulted route given the task id, the typed operation name).</summary>
    private static readonly Dictionary<string, (string Method, Func<string, string> Path, string Operation)> Calls = new(StringComparer.Ordinal)
    {
        ["create task"] = ("POST", _ => TasksPath, "POST /api/tasking/v2/tasks"),
        ["get task"] = ("GET", id => TasksPath + "/" + id, "GET /api/tasking/v2/tasks/{id}"),
        ["list tasks"] = ("GET", _ => TasksPath, "GET /api/tasking/v2/tasks"),
        ["cancel task"] = ("PATCH", id => TasksPath + "/" + id, "PATCH /api/tasking/v2/tasks/{id}"),
        ["list contracts"] = ("GET", _ => "/iceye/api/company/v1/contracts", "GET /api/company/v1/contracts"),
        ["list products"] = ("GET", id => TasksPath + "/" + id + "/products", "GET /api/tasking/v2/tasks/{id}/products"),
    };

    /// <summary>Broken bodies for every call: (name, status, body, content type, text the message must contain).</summary>
    private static readonly (string Name, int Status, string Body, string ContentType, string Expected)[] CommonBodies = BrokenBodies.Common(Html, "{\"data\":[{\"id\":\"0001\",\"status\":\"DO");

    /// <summary>Bodies specific to the shape each call reads.</summary>
    private static readonly Dictionary<string, (string Name, string Body, string Expected)[]> ShapeBodies = new(StringComparer.Ordinal)
    {
        ["task"] =
        [
            ("truncated task", "{\"id\":\"0001-abc\",\"status\":\"ACT", "truncated"),
            ("wrong types", "{\"id\":[\"0001-abc\"],\"status\":7}", "$.id"),
            ("status of the wrong type", "{\"id\":\"0001-abc\",\"status\":{\"value\":\"DONE\"}}", "$.status"),
            ("missing id", "{\"status\":\"ACTIVE\",\"contractID\":\"contract-sar-1\"}", "id"),
            ("missing status", "{\"id\":\"0001-abc\",\"contractID\":\"contract-sar-1\"}", "status"),
            ("empty status", "{\"id\":\"0001-abc\",\"status\":\"\"}", "status"),
            ("huge integer", "{\"id\":\"0001-abc\",\"status\":\"ACTIVE\",\"imagingDuration\":99999999999999999999999}", "$.imagingDuration"),
            ("huge coordinate", "{\"id\":\"0001-abc\",\"status\":\"ACTIVE\",\"pointOfInterest\":{\"lat\":1e400,\"lon\":0}}", "$.pointOfInterest.lat"),
            ("date that is not a date", "{\"id\":\"0001-abc\",\"status\":\"ACTIVE\",\"createdAt\":\"yesterday\"}", "$.createdAt"),
        ],
        ["page"] =
        [
            ("data null", "{\"data\":null}", "data"),
            ("data of the wrong type", "{\"data\":{\"id\":\"x\"}}", "$.data"),
            ("missing data", "{\"cursor\":\"\"}", "data"),
            ("null item", "{\"data\":[null]}", "data"),
            ("cursor of the wrong type", "{\"data\":[],\"cursor\":{\"next\":2}}", "$.cursor"),
        ],
        ["tasks page"] =
        [
            ("task without id", "{\"data\":[{\"status\":\"DONE\"}]}", "id"),
            ("task with a numeric status", "{\"data\":[{\"id\":\"0001-abc\",\"status\":5}]}", "status"),
        ],
        ["contracts page"] =
        [
            ("contract without id", "{\"data\":[{\"name\":\"no id\"}]}", "id"),
            ("contract id of the wrong type", "{\"data\":[{\"id\":{\"a\":1}}]}", "$.data[0].id"),
        ],
        ["products page"] =
        [
            ("product without id", "{\"data\":[{\"properties\":{},\"assets\":{}}]}", "id"),
            ("asset href of the wrong type", "{\"data\":[{\"id\":\"p-1\",\"assets\":{\"grd-tif\":{\"href\":12}}}]}", "href"),
            ("asset href that is not a URL", "{\"data\":[{\"id\":\"p-1\",\"assets\":{\"grd-tif\":{\"href\":\"::not a url::\"}}}]}", "href"),
            ("asset without href", "{\"data\":[{\"id\":\"p-1\",\"assets\":{\"grd-tif\":{\"type\":\"image/tiff\"}}}]}", "href"),
            ("null asset", "{\"data\":[{\"id\":\"p-1\",\"assets\":{\"grd-tif\":null}}]}", "grd-tif"),
            ("huge resolution", "{\"data\":[{\"id\":\"p-1\",\"properties\":{\"iceye:azimuth_resolution\":-1e999},\"assets\":{}}]}", "azimuth_resolution"),
            ("bbox of strings", "{\"data\":[{\"id\":\"p-1\",\"bbox\":[\"a\",\"b\"],\"assets\":{}}]}", "$.data[0].bbox"),
        ],
    };

    private static readonly Dictionary<string, string[]> ShapesOf = new(StringComparer.Ordinal)
    {
        ["create task"] = ["task"],
        ["get task"] = ["task"],
        ["cancel task"] = ["task"],
        ["list tasks"] = ["page", "tasks page"],
        ["list contracts"] = ["page", "contracts page"],
        ["list products"] = ["page", "products page"],
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

            foreach (var shape in ShapesOf[call])
            {
                foreach (var body in ShapeBodies[shape])
                {
                    data.Add(call, body.Name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Broken_response_becomes_a_readable_ProviderRequestException(string call, string bodyName)
    {
        await using var env = await HostileEnvironment.StartAsync();
        var (method, path, operation) = Calls[call];
        var (status, body, contentType, expected) = Find(call, bodyName);
        var task = await env.Client.CreateTaskAsync(env.NewTaskRequest());
        env.Emulator.Faults.On(path(task.Id)).WithMethod(method).RespondWithStatus(status, int.MaxValue, body: body, contentType: contentType);

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => InvokeAsync(env, call, task.Id)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProviderNames.Iceye, ex.Provider);
        Assert.Equal(operation, ex.Operation);
        Assert.Equal(status, ex.Status);
        Assert.StartsWith("iceye " + operation + " failed", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Contains(expected, StringComparison.OrdinalIgnoreCase), $"\"{expected}\" not in: {ex.Message}");
        Assert.False(ex.IsRetryable && status == 200, "a malformed 200 body is not worth retrying");
    }

    [Fact]
    public async Task Unknown_enum_values_are_kept_as_they_are_and_do_not_fail_the_call()
    {
        await using var env = await HostileEnvironment.StartAsync();
        var task = await env.Client.CreateTaskAsync(env.NewTaskRequest());
        env.Emulator.Faults.On(TasksPath + "/" + task.Id).WithMethod("GET").RespondWithStatus(200, 1, contentType: "application/json",
            body: $"{{\"id\":\"{task.Id}\",\"status\":\"ARCHIVED\",\"imagingMode\":\"HYPERSPECTRAL\",\"lookSide\":\"UP\",\"passDirection\":\"SIDEWAYS\",\"priority\":\"URGENT\",\"productTypes\":[\"HOLOGRAM\"],\"futureField\":{{\"x\":[1,2]}}}}");

        var info = await env.Client.GetTaskInfoAsync(task.Id);

        Assert.Equal("ARCHIVED", info.Status.Value);
        Assert.Equal("HYPERSPECTRAL", info.ImagingMode!.Value.Value);
        Assert.Equal("UP", info.LookSide!.Value.Value);
        Assert.Equal("HOLOGRAM", Assert.Single(info.ProductTypes!).Value);
        Assert.True(info.AdditionalProperties!.ContainsKey("futureField"));
    }

    [Fact]
    public async Task Unknown_task_statuses_never_crash_polling_through_the_client_or_SatDownloadClient()
    {
        await using var env = await HostileEnvironment.StartAsync();
        var task = await env.Client.CreateTaskAsync(env.NewTaskRequest());
        env.Clock.Advance(TimeSpan.FromHours(11));

        // Three polls see statuses ICEYE has never documented, then the real DONE.
        var unknown = env.Emulator.Faults.On(TasksPath + "/" + task.Id).WithMethod("GET").RespondWithStatus(200, 3, contentType: "application/json",
            body: $"{{\"id\":\"{task.Id}\",\"status\":\"QUEUED_FOR_REVIEW\"}}");
        var reports = new List<ProviderTaskProgress>();
        var status = await task.WaitForCompletionAsync(
            new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(1) },
            new InlineReporter<ProviderTaskProgress>(reports.Add));

        Assert.Equal(ProviderTaskStatus.Succeeded, status);
        Assert.Equal(3, reports.Count(r => r.ProviderStatus == "QUEUED_FOR_REVIEW" && r.Status == ProviderTaskStatus.Running));
        Assert.Contains("undocumented status 'QUEUED_FOR_REVIEW'", DescribeUnknown(), StringComparison.Ordinal);
        unknown.Remove();

        // The same through SatDownloadClient: the unknown status is polled past and the files land.
        env.Emulator.Faults.On(TasksPath + "/" + task.Id).WithMethod("GET").RespondWithStatus(200, 2, contentType: "application/json",
            body: $"{{\"id\":\"{task.Id}\",\"status\":\"PAUSED\"}}");
        using var destination = new TempDirectory();
        var options = new SatDownloadClientOptions { TimeProvider = env.Clock, Polling = new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(1) } };
        options.Providers.Add(new IceyeImageryProvider(env.Client));
        var result = await new SatDownloadClient(options, new AssetDownloader(new HttpClient())).DownloadAsync(IceyeTaskImageryRequest.ForExistingTask(task.Id), destination.Path);

        Assert.True(result.Succeeded, result.ToString());
        Assert.All(result.Downloads, d => Assert.Equal(env.Sha256Of(d.Asset), Hashing.Sha256OfFile(d.FilePath!)));
    }

    [Fact]
    public async Task Broken_problem_details_on_an_error_still_give_a_readable_error_with_the_status()
    {
        await using var env = await HostileEnvironment.StartAsync();
        foreach (var (body, type) in new[]
                 {
                     ("{\"title\":\"Bad Req", "application/problem+json"),
                     ("{\"title\":42,\"detail\":[\"x\"],\"code\":{}}", "application/problem+json"),
                     (Html, "text/html"),
                     (string.Empty, "application/problem+json"),
                 })
        {
            env.Emulator.Faults.On(TasksPath).WithMethod("POST").RespondWithStatus(400, 1, body: body, contentType: type);

            var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => env.Client.CreateTaskAsync(env.NewTaskRequest()));

            Assert.Equal(400, ex.Status);
            Assert.Equal("POST /api/tasking/v2/tasks", ex.Operation);
            Assert.StartsWith("iceye POST /api/tasking/v2/tasks failed with HTTP 400", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Broken_token_responses_become_typed_errors_naming_ICEYE()
    {
        foreach (var (status, body, type) in new[]
                 {
                     (200, "{\"access_token\":\"abc", "application/json"),
                     (200, "{\"token_type\":\"Bearer\"}", "application/json"),
                     (200, Html, "text/html"),
                     (200, string.Empty, "application/json"),
                     (200, "{\"access_token\":12345678901,\"expires_in\":\"soon\"}", "application/json"),
                 })
        {
            await using var env = await HostileEnvironment.StartAsync();
            env.Emulator.Faults.On("/iceye/oauth/v1/token").RespondWithStatus(status, int.MaxValue, body: body, contentType: type);

            var ex = await Assert.ThrowsAnyAsync<SatDownloadException>(() => env.Client.GetTasksPageAsync()).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Contains("iceye", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("token", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(env.Emulator.Requests.Snapshot(), r => r.Path.StartsWith(TasksPath, StringComparison.Ordinal) && r.StatusCode == 200);
        }
    }

    private static string DescribeUnknown() =>
        SatDownload.Iceye.Tasks.IceyeStatusMapping.ToState(new IceyeTaskInfo { Id = "x", Status = new IceyeTaskStatus("QUEUED_FOR_REVIEW") }).Message ?? string.Empty;

    private static (int Status, string Body, string ContentType, string Expected) Find(string call, string bodyName)
    {
        foreach (var body in CommonBodies)
        {
            if (body.Name == bodyName)
            {
                return (body.Status, body.Body, body.ContentType, body.Expected);
            }
        }

        foreach (var shape in ShapesOf[call])
        {
            foreach (var body in ShapeBodies[shape])
            {
                if (body.Name == bodyName)
                {
                    return (200, body.Body, "application/json", body.Expected);
                }
            }
        }

        throw new ArgumentOutOfRangeException(nameof(bodyName), bodyName, null);
    }

    private static async Task InvokeAsync(HostileEnvironment env, string call, string taskId)
    {
        switch (call)
        {
            case "create task":
                await env.Client.CreateTaskAsync(env.NewTaskRequest());
                break;
            case "get task":
                await env.Client.GetTask(taskId).UpdateStatusAsync();
                break;
            case "list tasks":
                await foreach (var _ in env.Client.GetTasksAsync())
                {
                }

                break;
            case "cancel task":
                await env.Client.CancelTaskAsync(taskId);
                break;
            case "list contracts":
                await foreach (var _ in env.Client.GetContractsAsync())
                {
                }

                break;
            case "list products":
                env.Clock.Advance(TimeSpan.FromHours(11));
                await foreach (var _ in env.Client.GetAssetsAsync(taskId))
                {
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(call), call, null);
        }
    }

    /// <summary>Reports inline (Progress&lt;T&gt; posts to the thread pool, which races with assertions).</summary>
    private sealed class InlineReporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class HostileEnvironment : IAsyncDisposable
    {
        private HostileEnvironment(ProviderEmulator emulator, IceyeEmulator iceye, IceyeClient client)
        {
            Emulator = emulator;
            Iceye = iceye;
            Client = client;
        }

        public ProviderEmulator Emulator { get; }

        public IceyeEmulator Iceye { get; }

        public IceyeClient Client { get; }

        public VirtualClock Clock => Emulator.Clock;

        public static async Task<HostileEnvironment> StartAsync()
        {
            var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5), AutoAdvance = true };
            var iceye = new IceyeEmulator(new IceyeEmulatorOptions { GeoTiffImagery = false, DataFileSize = 50_000 });
            var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye }, Clock = clock });
            var client = new IceyeClient(new IceyeClientOptions
            {
                BaseAddress = iceye.GetApiBaseAddress(),
                TokenEndpoint = iceye.GetTokenEndpoint(),
                ClientId = iceye.Options.ClientId,
                ClientSecret = iceye.Options.ClientSecret,
                TimeProvider = clock,
                TokenProviders = new OAuth2TokenProviderRegistry(null, clock),
                RateLimiters = new RateLimiterRegistry(clock),
                PageSize = 2,
                Retry = new HttpRetryOptions
                {
                    ProviderName = ProviderNames.Iceye,
                    MaxAttempts = 2,
                    BaseDelay = TimeSpan.FromMilliseconds(10),
                    MaxDelay = TimeSpan.FromMilliseconds(50),
                    Jitter = false,
                },
            });
            return new HostileEnvironment(emulator, iceye, client);
        }

        public IceyeCreateTaskRequest NewTaskRequest() => new()
        {
            ContractId = IceyeEmulator.DefaultContractId,
            PointOfInterest = new IceyePointOfInterest(60.17, 24.94),
            AcquisitionWindow = new IceyeAcquisitionWindow(Clock.GetUtcNow().AddHours(1), Clock.GetUtcNow().AddDays(2)),
            ImagingMode = IceyeImagingMode.Spotlight,
        };

        public string Sha256Of(ImageryAsset asset)
        {
            var path = asset.Href!.AbsolutePath;
            var prefix = EmulatorBlobStore.SignedPathPrefix;
            return Emulator.Blobs.Get(string.Join('/', path[prefix.Length..].Split('/').Select(Uri.UnescapeDataString))).Sha256Hex;
        }

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
