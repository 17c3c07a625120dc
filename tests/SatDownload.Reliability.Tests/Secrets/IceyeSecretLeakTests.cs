using System.Text;
using SatDownload.Http;
using SatDownload.Iceye;
using SatDownload.Iceye.Unified;
using SatDownload.Reliability.Tests.Support;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Reliability.Tests.Secrets;

/// <summary>
/// ICEYE through <see cref="SatDownloadClient"/> with a Trace-level capturing logger on every layer (ICEYE's HTTP
/// pipeline, the client, the downloader): a run that succeeds through token refreshes, a 503 and a re-signed URL, a
/// run where one file is refused for good, a run whose listing fails for good, and a run with a wrong client secret.
/// The client secret, every bearer token and every signed-URL signature must appear nowhere: not in the logs, the
/// exceptions, the results' and models' <c>ToString()</c>, nor the journal, the STAC catalog or any file written.
/// </summary>
public sealed class IceyeSecretLeakTests
{
    private static readonly string ClientSecret = "iceye-secret-" + Guid.NewGuid().ToString("N");
    private static readonly string WrongSecret = "iceye-wrong-" + Guid.NewGuid().ToString("N");
    private const string TasksPath = "/iceye/api/tasking/v2/tasks";

    [Fact]
    public async Task SatDownloadClient_runs_that_succeed_and_fail_leak_no_secret_token_or_signature_anywhere()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromHours(2), AutoAdvance = true };
        var iceyeOptions = new IceyeEmulatorOptions { ClientSecret = ClientSecret, DataFileSize = 200_000, GeoTiffImagery = false };
        var iceye = new IceyeEmulator(iceyeOptions);
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye }, Clock = clock });
        using var logs = new CapturingLoggerProvider();
        var scanner = new SecretScanner(ClientSecret, WrongSecret);
        var produced = new List<(string Name, object? Value)>();

        var clientOptions = NewClientOptions(iceye, clock, ClientSecret, logs);
        var apiRecorder = new AuthorizationRecorder(new SocketsHttpHandler());
        var auth = new OAuth2ClientCredentialsHandler(
            new OAuth2ClientCredentialsOptions
            {
                TokenEndpoint = clientOptions.TokenEndpoint!,
                ClientId = clientOptions.ClientId!,
                ClientSecret = ClientSecret,
                ClientAuthentication = OAuth2ClientAuthentication.Basic,
                ProviderName = ProviderNames.Iceye,
                TokenRetryBaseDelay = TimeSpan.FromMilliseconds(10),
            },
            new OAuth2TokenProviderRegistry(null, clock),
            logs.CreateLogger("SatDownload.Iceye"));
        using var http = ProviderHttpPipeline.CreateClient(null, ProviderHttpPipeline.CreateStandardHandlers(clientOptions.Retry, auth, null, clock, logs), apiRecorder);
        var iceyeClient = new IceyeClient(http, clientOptions);
        var blobRecorder = new AuthorizationRecorder(new SocketsHttpHandler());
        var satClient = NewSatDownloadClient(iceyeClient, clock, logs, blobRecorder);
        produced.Add(("IceyeClient", iceyeClient));
        produced.Add(("options", clientOptions));
        produced.Add(("SatDownloadClient", satClient));
        produced.Add(("provider", satClient.GetProvider(ProviderNames.Iceye)));

        // 1. A new task that succeeds: a 503 on the task route, tokens refreshed over ten virtual hours, and the first
        //    data file cut mid-body while its signed URL expires, so it is re-signed.
        using var ok = new TempDirectory();
        var request = new IceyeTaskImageryRequest(new Iceye.Models.IceyeCreateTaskRequest
        {
            ContractId = IceyeEmulator.DefaultContractId,
            PointOfInterest = new Iceye.Models.IceyePointOfInterest(60.17, 24.94),
            AcquisitionWindow = new Iceye.Models.IceyeAcquisitionWindow(clock.GetUtcNow().AddHours(1), clock.GetUtcNow().AddDays(2)),
            ImagingMode = Iceye.Models.IceyeImagingMode.Spotlight,
            Reference = "secret-scan",
        });
        emulator.Faults.OnPrefix(TasksPath + "/").WithMethod("GET").RespondWithStatus(503, 1);
        emulator.Faults.OnPrefix("/signed/").AbortAfterBytes(100_000, 1);
        emulator.Faults.OnPrefix("/signed/").AfterRequests(1).OnRequest(_ =>
        {
            clock.Advance(TimeSpan.FromHours(2));
            return Task.FromResult(false);
        }, times: 1);
        var success = await satClient.DownloadAsync(request, ok.Path);
        Assert.True(success.Succeeded, success.ToString());
        Assert.Contains(emulator.Requests.Snapshot(), r => r.Path.StartsWith("/signed/", StringComparison.Ordinal) && r.StatusCode == 403);
        Assert.True(iceye.TokensIssued >= 2, $"{iceye.TokensIssued} tokens issued");
        Assert.NotNull(success.ManifestPath);
        Assert.NotNull(success.JournalPath);
        produced.Add(("request", request));
        produced.Add(("success", success));
        produced.Add(("success downloads", success.Downloads));
        produced.Add(("task", await satClient.GetProvider(ProviderNames.Iceye).GetTaskAsync(request, success.TaskId)));
        foreach (var d in success.Downloads)
        {
            produced.Add(("asset " + d.Asset.AssetKey, d.Asset));
        }

        // 2. The same task by id into another folder, one file refused for good (403 even after re-signing).
        using var partial = new TempDirectory();
        var refusedKey = success.Downloads[0].Asset;
        var refusedBlob = BlobNameOf(refusedKey.Href!);
        emulator.Faults.OnBlob(refusedBlob).RespondWithStatus(403, int.MaxValue, body: "<Error><Code>AccessDenied</Code></Error>", contentType: "application/xml");
        var failed = await satClient.DownloadAsync(IceyeTaskImageryRequest.ForExistingTask(success.TaskId), partial.Path);
        Assert.False(failed.Succeeded);
        var failure = Assert.Single(failed.Downloads, d => !d.Succeeded);
        Assert.NotNull(failure.Exception);
        produced.Add(("failed", failed));
        produced.Add(("failed downloads", failed.Downloads));
        produced.Add(("failure", failure.Exception));
        emulator.Faults.Clear();

        // 3. The listing fails for good.
        using var broken = new TempDirectory();
        emulator.Faults.OnPrefix(TasksPath + "/" + success.TaskId + "/products").RespondWithStatus(500, int.MaxValue, body: "{\"title\":\"Internal Server Error\"}", contentType: "application/problem+json");
        produced.Add(("listing failure", await Assert.ThrowsAsync<ProviderRequestException>(() => satClient.DownloadAsync(IceyeTaskImageryRequest.ForExistingTask(success.TaskId), broken.Path))));
        emulator.Faults.Clear();

        // 4. A wrong client secret, through a client built without DI (IceyeClientOptions.LoggerFactory).
        using var refused = new TempDirectory();
        var wrongClient = new IceyeClient(NewClientOptions(iceye, clock, WrongSecret, logs));
        produced.Add(("wrong-secret client", wrongClient));
        produced.Add(("wrong-secret failure", await Assert.ThrowsAnyAsync<SatDownloadException>(() =>
            NewSatDownloadClient(wrongClient, clock, logs, blobRecorder).DownloadAsync(IceyeTaskImageryRequest.ForExistingTask(success.TaskId), refused.Path))));

        // Every credential that went on the wire, except the expected Basic header of the right secret (it is the
        // secret itself, already scanned for), and every signature a data URL carried.
        foreach (var credential in apiRecorder.Credentials.Distinct())
        {
            if (credential != Convert.ToBase64String(Encoding.UTF8.GetBytes(iceyeOptions.ClientId + ":" + ClientSecret)))
            {
                scanner.AddSecret(credential);
            }
        }

        var signatures = blobRecorder.Requests.SelectMany(r => Signatures(r.Uri))
            .Concat(success.Downloads.SelectMany(d => Signatures(d.Asset.Href)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(signatures.Count >= 3, $"{signatures.Count} signatures seen");
        foreach (var signature in signatures)
        {
            scanner.AddSecret(signature);
        }

        Assert.True(scanner.Secrets.Count >= 6, $"{scanner.Secrets.Count} secrets known: no bearer token or signature was captured");
        scanner.ScanLogs(logs, minimumEntries: 20);
        foreach (var (name, value) in produced)
        {
            scanner.ScanObject(name, value);
        }

        // The files: data, journal (.satdownload/journal.json with the redacted error of the refused file), catalog and items.
        Assert.True(File.Exists(Path.Combine(partial.Path, DownloadJournal.DirectoryName, "journal.json")));
        Assert.Contains("403", File.ReadAllText(Path.Combine(partial.Path, DownloadJournal.DirectoryName, "journal.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(ok.Path, StacManifestWriter.CatalogFileName)));
        foreach (var directory in new[] { ok.Path, partial.Path, broken.Path, refused.Path })
        {
            scanner.ScanDirectory(directory);
        }

        scanner.AssertClean();
    }

    private static IceyeClientOptions NewClientOptions(IceyeEmulator iceye, VirtualClock clock, string secret, CapturingLoggerProvider logs) => new()
    {
        BaseAddress = iceye.GetApiBaseAddress(),
        TokenEndpoint = iceye.GetTokenEndpoint(),
        ClientId = iceye.Options.ClientId,
        ClientSecret = secret,
        TimeProvider = clock,
        TokenProviders = new OAuth2TokenProviderRegistry(null, clock),
        RateLimiters = new RateLimiterRegistry(clock),
        LoggerFactory = logs,
        PageSize = 2,
        Retry = new HttpRetryOptions
        {
            ProviderName = ProviderNames.Iceye,
            MaxAttempts = 3,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            Jitter = false,
        },
    };

    private static SatDownloadClient NewSatDownloadClient(IceyeClient client, VirtualClock clock, CapturingLoggerProvider logs, HttpMessageHandler blobHandler)
    {
        var options = new SatDownloadClientOptions
        {
            TimeProvider = clock,
            LoggerFactory = logs,
            DownloadOptions = new DownloadOptions { MaxConnectionsPerFile = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(5), RetryMaxDelay = TimeSpan.FromMilliseconds(20) },
        };
        options.Providers.Add(new IceyeImageryProvider(client));
        options.PollingByProvider[ProviderNames.Iceye] = new TaskPollingOptions { InitialInterval = TimeSpan.FromMinutes(30), MaxInterval = TimeSpan.FromHours(2) };
        var downloader = new AssetDownloader(new HttpClient(blobHandler, disposeHandler: false), new AssetDownloaderOptions { LoggerFactory = logs, MaxResolverRefreshes = 2 });
        return new SatDownloadClient(options, downloader);
    }

    private static IEnumerable<string> Signatures(Uri? uri)
    {
        foreach (var part in (uri?.Query ?? string.Empty).TrimStart('?').Split('&'))
        {
            if (part.StartsWith("sig=", StringComparison.Ordinal) && part.Length >= 12)
            {
                yield return Uri.UnescapeDataString(part[4..]);
            }
        }
    }

    private static string BlobNameOf(Uri href) =>
        string.Join('/', href.AbsolutePath[EmulatorBlobStore.SignedPathPrefix.Length..].Split('/').Select(Uri.UnescapeDataString));
}
