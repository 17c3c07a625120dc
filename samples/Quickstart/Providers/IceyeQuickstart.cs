using SatDownload.Iceye;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;
using SatDownload.Testing;
using SatDownload.Testing.Iceye;

namespace SatDownload.Samples.Quickstart.Providers;

/// <summary>ICEYE tasking: a spotlight task over the AOI's centroid; hours of tasking pass in seconds on the virtual clock.</summary>
internal sealed class IceyeQuickstart : IQuickstartProvider
{
    /// <summary>The task whose products <c>--live</c> downloads. Live runs never create a task: tasking costs money.</summary>
    public const string TaskIdVariable = "SATDOWNLOAD_ICEYE_TASK_ID";

    private static readonly TaskPollingOptions EmulatedPolling = new() { InitialInterval = TimeSpan.FromSeconds(5), MaxInterval = TimeSpan.FromSeconds(10) };
    private IceyeEmulator? _emulator;

    public string Name => ProviderNames.Iceye;

    public string Description => "SAR tasking";

    public IReadOnlyList<string> LiveEnvironmentVariables =>
        [IceyeClientOptions.ClientIdVariable, IceyeClientOptions.ClientSecretVariable, IceyeClientOptions.TokenUrlVariable, TaskIdVariable];

    public IEmulatedProvider CreateEmulator() => _emulator = new IceyeEmulator(new IceyeEmulatorOptions
    {
        ReceivedDuration = TimeSpan.FromMinutes(1),
        ActiveDuration = TimeSpan.FromMinutes(3),
        FulfilledDuration = TimeSpan.FromMinutes(2),
    });

    public ImageryProvider CreateEmulated(ProviderEmulator emulator, TimeProvider clock)
    {
        var iceye = _emulator ?? throw new InvalidOperationException("CreateEmulator was not called.");
        return new IceyeImageryProvider(new IceyeClient(new IceyeClientOptions
        {
            BaseAddress = iceye.GetApiBaseAddress(),
            TokenEndpoint = iceye.GetTokenEndpoint(),
            ClientId = iceye.Options.ClientId,
            ClientSecret = iceye.Options.ClientSecret,
            TimeProvider = clock,
            Polling = EmulatedPolling,
        }));
    }

    public ImageryProvider CreateLive() => new IceyeImageryProvider(new IceyeClient(IceyeClientOptions.FromEnvironment()));

    public Task<ImageryRequest> CreateRequestAsync(Aoi aoi, DateTimeOffset now, bool live, CancellationToken cancellationToken) => Task.FromResult<ImageryRequest>( live
        ? IceyeTaskImageryRequest.ForExistingTask(Environment.GetEnvironmentVariable(TaskIdVariable)!)
        : new IceyeTaskImageryRequest(new IceyeCreateTaskRequest
        {
            ContractId = IceyeEmulator.DefaultContractId,
            PointOfInterest = IceyePointOfInterest.FromAoi(aoi),

            // Whole hours, so that a re-run within the hour is the same request and resumes from the journal.
            AcquisitionWindow = new IceyeAcquisitionWindow(Hour(now).AddHours(3), Hour(now).AddHours(51)),
            ImagingMode = IceyeImagingMode.Spotlight,
            Reference = "satdownload-quickstart",
        }));

    private static DateTimeOffset Hour(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);
}
