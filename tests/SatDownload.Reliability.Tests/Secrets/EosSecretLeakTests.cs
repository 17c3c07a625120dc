using SatDownload.Eos;
using SatDownload.Eos.Assets;
using SatDownload.Eos.Models;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Unified;
using SatDownload.Http;
using SatDownload.Reliability.Tests.Support;
using SatDownload.Testing;
using SatDownload.Testing.Eos;

namespace SatDownload.Reliability.Tests.Secrets;

/// <summary>
/// The EOS flows (provider client with the key in the header and in the query, inline and signed-URL results, and
/// SatDownloadClient with its journal and catalog), succeeding and failing, with a Trace-level capturing logger: the
/// API keys and the result URLs' signatures appear in no log line, exception, <c>ToString()</c> or file.
/// </summary>
public sealed class EosSecretLeakTests
{
    private static readonly string ApiKey = "apk." + Guid.NewGuid().ToString("N");
    private static readonly string WrongKey = "apk.wrong" + Guid.NewGuid().ToString("N");

    private sealed class Environment : IAsyncDisposable
    {
        public required ProviderEmulator Emulator { get; init; }

        public required VirtualClock Clock { get; init; }

        public required EosEmulator Eos { get; init; }

        public CapturingLoggerProvider Logs { get; } = new();

        public SecretScanner Scanner { get; } = new(ApiKey, WrongKey);

        public List<object?> Produced { get; } = [];

        public static async Task<Environment> StartAsync(EosCompletionMode mode)
        {
            var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromMinutes(2), AutoAdvance = true };
            var options = new EosEmulatorOptions { CompletionMode = mode, RasterSize = 200 };
            options.ApiKeys.Add(ApiKey);
            var eos = new EosEmulator(options);
            var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { eos }, Clock = clock });
            return new Environment { Emulator = emulator, Clock = clock, Eos = eos };
        }

        public EosClient Client(EosApiKeyLocation location, string? key = null) => new(
            new EosClientOptions
            {
                Endpoint = Emulator.GetProviderUri(Eos),
                ApiKey = key ?? ApiKey,
                ApiKeyLocation = location,
                TimeProvider = Clock,
                RateLimiterRegistry = new RateLimiterRegistry(Clock),
                MaxAttempts = 3,
            },
            Logs);

        public AssetDownloader Downloader() => new(new HttpClient(), new AssetDownloaderOptions { TimeProvider = Clock, LoggerFactory = Logs });

        /// <summary>Every signature of the result URLs the task has seen.</summary>
        public void AddSignatures(EosLoadByExtentTask task) => AddSignatures(task.LastStatusResponse?.GetResultUrls() ?? []);

        /// <summary>Every <c>sig=</c> value of the URLs.</summary>
        public void AddSignatures(IEnumerable<Uri?> urls)
        {
            foreach (var url in urls.OfType<Uri>())
            {
                foreach (var part in url.Query.TrimStart('?').Split('&'))
                {
                    if (part.StartsWith("sig=", StringComparison.Ordinal) && part.Length >= 12)
                    {
                        Scanner.AddSecret(Uri.UnescapeDataString(part[4..]));
                    }
                }
            }
        }

        public void AssertNothingLeaked(string? directory, int minimumLogEntries)
        {
            Scanner.ScanLogs(Logs, minimumLogEntries);
            for (var i = 0; i < Produced.Count; i++)
            {
                if (Produced[i] is Exception ex)
                {
                    Scanner.ScanException($"produced[{i}]", ex);
                }
                else
                {
                    Scanner.ScanObject($"produced[{i}]", Produced[i]);
                }
            }

            if (directory is not null)
            {
                Scanner.ScanDirectory(directory);
            }

            Scanner.AssertClean();
        }

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }

    private static EosLoadByExtentRequest Request() => new()
    {
        ViewId = "S2/13/R/EL/2023/7/19/0",
        Bands = ["B04", "B08"],
        Merge = true,
        Aoi = Aoi.FromBoundingBox(-104.88, 27.16, -104.87, 27.17),
    };

    [Theory]
    [InlineData(EosApiKeyLocation.Header, EosCompletionMode.JsonResultArray)]
    [InlineData(EosApiKeyLocation.Query, EosCompletionMode.JsonResultUrl)]
    [InlineData(EosApiKeyLocation.Query, EosCompletionMode.InlineBinary)]
    [InlineData(EosApiKeyLocation.Header, EosCompletionMode.Redirect)]
    public async Task The_provider_client_flow_with_retries_and_failures_leaks_no_key_or_signature(EosApiKeyLocation location, EosCompletionMode mode)
    {
        await using var env = await Environment.StartAsync(mode);
        using var destination = new TempDirectory();
        var client = env.Client(location);
        env.Produced.Add(client);
        env.Produced.Add(client.Options);

        // Search (429 with Retry-After first), create (503 first), poll (500 once), download (dropped once).
        env.Emulator.Faults.OnPrefix("/eos/api/lms/search/v2").RespondWithStatus(429, 1, retryAfter: "2");
        var scenes = new List<EosScene>();
        await foreach (var scene in client.SearchScenesAsync(new EosSceneSearchRequest
        {
            Datasets = ["sentinel2"],
            Aoi = Request().Aoi,
            From = new DateOnly(2023, 7, 1),
            To = new DateOnly(2023, 7, 31),
        }))
        {
            scenes.Add(scene);
        }

        env.Produced.AddRange(scenes);
        env.Emulator.Faults.On("/eos/api/gdw/api").WithMethod("POST").RespondWithStatus(503, 1);
        var task = await client.CreateLoadByExtentTaskAsync(Request());
        env.Emulator.Faults.On("/eos/api/gdw/api/" + task.Id).RespondWithStatus(500, 1);
        Assert.Equal(ProviderTaskStatus.Succeeded, await task.WaitForCompletionAsync());
        env.AddSignatures(task);
        env.Produced.Add(task);
        env.Produced.Add(task.LastStatusResponse);
        env.Produced.Add(task.Info);

        var results = await client.DownloadResultsAsync(task, env.Downloader(), destination.Path, new EosDownloadOptions
        {
            Download = new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) },
        });
        var result = Assert.Single(results);
        Assert.True(result.Succeeded, result.Download.Exception?.ToString());
        Assert.Equal(env.Emulator.Blobs.Get(env.Eos.ResultBlobName(task.Id)).Sha256Hex, Hashing.Sha256OfFile(result.FilePath!));
        env.Produced.Add(result);
        env.Produced.Add(result.Download);
        env.Produced.Add(result.Download.Asset);
        env.AddSignatures([result.Download.Asset.Href]);

        // Failing calls: a refused key, an unknown task, a refused request.
        var wrong = env.Client(location, WrongKey);
        env.Produced.Add(await Assert.ThrowsAsync<ProviderRequestException>(() => wrong.CreateLoadByExtentTaskAsync(Request())));
        env.Produced.Add(await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetLoadByExtentTask("00000000-0000-0000-0000-000000000000").UpdateStatusAsync()));
        env.Emulator.Faults.On("/eos/api/gdw/api").WithMethod("POST").RespondWithStatus(400, 1, body: $"{{\"message\":\"bad request for key {ApiKey}\"}}", contentType: "application/json");
        env.Produced.Add(await Assert.ThrowsAsync<ProviderRequestException>(() => client.CreateLoadByExtentTaskAsync(Request())));

        Assert.Contains(env.Emulator.Requests.Snapshot(), r => r.StatusCode == 429);
        env.AssertNothingLeaked(destination.Path, minimumLogEntries: 5);
    }

    [Fact]
    public async Task The_SatDownloadClient_flow_with_journal_and_catalog_leaks_no_key_or_signature()
    {
        await using var env = await Environment.StartAsync(EosCompletionMode.JsonResultArray);
        using var destination = new TempDirectory();
        var client = env.Client(EosApiKeyLocation.Query);
        var options = new SatDownloadClientOptions
        {
            TimeProvider = env.Clock,
            LoggerFactory = env.Logs,
            DownloadOptions = new DownloadOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) },
        };
        options.Providers.Add(new EosImageryProvider(client));
        var satDownload = new SatDownloadClient(options, env.Downloader());
        var request = new EosLoadByExtentImageryRequest(Request());

        // The first run is cancelled while waiting; the second resumes the journaled task (a blob drop on the way).
        using (var cts = new CancellationTokenSource())
        {
            var progress = new Reporter<SatDownloadProgress>(p =>
            {
                if (p.Phase == SatDownloadPhase.WaitingForTask)
                {
                    cts.Cancel();
                }
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => satDownload.DownloadAsync(request, destination.Path, null, progress, cts.Token));
        }

        var taskId = env.Eos.Tasks.Single().TaskId;
        env.Clock.Advance(TimeSpan.FromMinutes(5));
        env.Emulator.Faults.OnBlob(env.Eos.ResultBlobName(taskId)).AbortAfterBytes(10_000);
        var result = await satDownload.DownloadAsync(request, destination.Path);
        Assert.True(result.Succeeded, result.ToString());
        Assert.True(result.ResumedFromJournal);
        env.AddSignatures(result.Downloads.Select(d => d.Asset.Href));
        Assert.NotEmpty(env.Scanner.Secrets.Except([ApiKey, WrongKey]));
        env.Produced.Add(result);
        env.Produced.Add(request);
        env.Produced.AddRange(result.Downloads);

        // Failing runs: no estimate with a cost budget required, and a journaled task EOS no longer knows.
        options.RequireCostEstimate = true;
        var strict = new SatDownloadClient(options, env.Downloader());
        using (var refused = new TempDirectory())
        {
            env.Produced.Add(await Assert.ThrowsAsync<BudgetExceededException>(() =>
                strict.DownloadAsync(new EosLoadByExtentImageryRequest(Request()), refused.Path, new DownloadOptions { Budget = new DownloadBudget { MaxCost = 1m } })));
        }

        env.Emulator.Faults.On("/eos/api/gdw/api/" + taskId).RespondWithStatus(404, int.MaxValue, body: "{\"message\":\"Task not found\"}", contentType: "application/json");
        using (var forgotten = new TempDirectory())
        {
            env.Produced.Add(await Assert.ThrowsAsync<ProviderRequestException>(() => satDownload.DownloadAsync(EosLoadByExtentImageryRequest.ForExistingTasks(taskId), forgotten.Path)));
        }

        Assert.True(File.Exists(DownloadJournal.PathFor(destination.Path)));
        Assert.True(File.Exists(Path.Combine(destination.Path, "catalog.json")));
        env.AssertNothingLeaked(destination.Path, minimumLogEntries: 5);
    }

    [Fact]
    public void No_public_EOS_type_shows_a_credential_property_in_ToString()
    {
        var scanner = new SecretScanner();
        var probe = "probe-secret-" + Guid.NewGuid().ToString("N");
        var count = scanner.ScanPublicTypes(probe, typeof(EosClient).Assembly);
        Assert.True(count >= 10, $"only {count} public types could be created");
        scanner.AssertClean();

        var options = new EosClientOptions { ApiKey = probe };
        Assert.DoesNotContain(probe, options.ToString(), StringComparison.Ordinal);
    }

    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
