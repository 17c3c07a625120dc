using SatDownload.Http;
using SatDownload.Iceye;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Tasks;
using SatDownload.Iceye.Unified;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>
/// ICEYE: a DONE task whose products (GRD and the QLK quicklook) are listed one per page, signed data URLs. Through
/// <see cref="SatDownloadClient"/> the same task is named by id (<see cref="IceyeTaskImageryRequest.ForExistingTask"/>),
/// so the client lists the same blobs without ordering anything.
/// </summary>
public sealed class IceyeFlow : ProviderFlow
{
    public override string Provider => ProviderNames.Iceye;

    public override async Task<ProviderFlowRun> StartAsync()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5), AutoAdvance = true };
        var options = new IceyeEmulatorOptions { DataFileSize = 300_000, GeoTiffImagery = false, ProductsPageSize = 1, SignedUrlTimeToLive = TimeSpan.FromMinutes(30) };
        var iceye = new IceyeEmulator(options);
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { iceye }, Clock = clock });
        var tokens = new OAuth2TokenProviderRegistry(null, clock);
        IceyeClient NewClient(TimeSpan? timeout) => new(new IceyeClientOptions
        {
            BaseAddress = iceye.GetApiBaseAddress(),
            TokenEndpoint = iceye.GetTokenEndpoint(),
            ClientId = options.ClientId,
            ClientSecret = options.ClientSecret,
            TimeProvider = clock,
            TokenProviders = tokens,
            RateLimiters = new RateLimiterRegistry(clock),
            PageSize = 1,
            Retry = new HttpRetryOptions
            {
                ProviderName = ProviderNames.Iceye,
                MaxAttempts = 4,
                BaseDelay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(2),
                Jitter = false,
                PerAttemptTimeout = timeout,
                ResponseIdleTimeout = timeout,
            },
        });

        // The rows run on a client with hang-row timeouts; the setup (the first request of a fresh emulator, a POST that
        // is never retried) must not fail on a cold start of a loaded CI machine, so it runs without them.
        var client = NewClient(ProviderFlowRun.HangTimeout);
        var setupClient = NewClient(null);
        var request = new IceyeCreateTaskRequest
        {
            ContractId = IceyeEmulator.DefaultContractId,
            PointOfInterest = new IceyePointOfInterest(60.17, 24.94),
            AcquisitionWindow = new IceyeAcquisitionWindow(clock.GetUtcNow().AddHours(1), clock.GetUtcNow().AddDays(2)),
            ImagingMode = IceyeImagingMode.Spotlight,
            ProductTypes = new List<IceyeProductType> { IceyeProductType.Grd },
        };
        var task = client.GetTask((await setupClient.CreateTaskAsync(request)).Id);

        // DONE (not just FULFILLED): SatDownloadClient waits for a terminal status, and polling through hours of
        // virtual time would take thousands of requests. The product list is the same (GRD and QLK are the SLA types).
        clock.Advance(options.ReceivedDuration + options.ActiveDuration + options.FulfilledDuration);
        emulator.Requests.Clear();
        return new Run(emulator, clock, iceye, client, task);
    }

    private sealed class Run(ProviderEmulator emulator, VirtualClock clock, IceyeEmulator iceye, IceyeClient client, IceyeTask task) : ProviderFlowRun(emulator, clock)
    {
        private IReadOnlyList<string> _blobs = [];

        public override string? TokenPath => "/iceye/" + iceye.Options.TokenPath.TrimStart('/');

        public override string ListingPathPrefix => $"/iceye/api/tasking/v2/tasks/{task.Id}/products";

        public override string ListingOperation => "GET /api/tasking/v2/tasks/{id}/products";

        public override IReadOnlyList<string> DataBlobNames => _blobs;

        public override async Task<IReadOnlyList<ImageryAsset>> ListAssetsAsync(CancellationToken cancellationToken)
        {
            var assets = new List<ImageryAsset>();
            await foreach (var asset in client.GetAssetsAsync(task.Id, cancellationToken: cancellationToken))
            {
                assets.Add(asset);
            }

            _blobs = assets.Select(a => BlobNameOf(a.Href!)).ToArray();
            return assets;
        }

        /// <summary>The emulator serves blobs at <c>/signed/{name}</c> or <c>/blobs/{name}</c>.</summary>
        private static string BlobNameOf(Uri href)
        {
            var path = href.AbsolutePath;
            foreach (var prefix in new[] { EmulatorBlobStore.SignedPathPrefix, EmulatorBlobStore.BlobsPathPrefix })
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return string.Join('/', path[prefix.Length..].Split('/').Select(Uri.UnescapeDataString));
                }
            }

            throw new InvalidOperationException("Not an emulator blob URL: " + href.AbsolutePath);
        }

        public override ImageryProvider CreateImageryProvider() => new IceyeImageryProvider(client);

        public override ImageryRequest CreateImageryRequest() => IceyeTaskImageryRequest.ForExistingTask(task.Id);

        public override string ExpectedSha256Of(ImageryAsset asset)
        {
            ArgumentNullException.ThrowIfNull(asset);
            return Emulator.Blobs.Get(BlobNameOf(asset.Href ?? throw new InvalidOperationException($"{asset.Identity} has no href."))).Sha256Hex;
        }

        public override void RevokeTokens() => iceye.ExpireAllTokens();

        public override ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
