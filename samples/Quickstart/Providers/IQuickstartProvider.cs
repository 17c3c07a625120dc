using SatDownload.Testing;

namespace SatDownload.Samples.Quickstart.Providers;

/// <summary>
/// One provider in the Quickstart: its emulator, the <see cref="ImageryProvider"/> that plugs it into the one
/// <see cref="SatDownloadClient"/>, and the request the Quickstart runs for the sample AOI.
/// </summary>
internal interface IQuickstartProvider
{
    /// <summary>The provider name (<see cref="ProviderNames"/>), used for <c>--provider</c> and in the summary.</summary>
    string Name { get; }

    /// <summary>What the request gets, for the summary's note column.</summary>
    string Description { get; }

    /// <summary>The environment variables <c>--live</c> needs for this provider.</summary>
    IReadOnlyList<string> LiveEnvironmentVariables { get; }

    /// <summary>The emulated provider, added to the shared in-process emulator before it starts.</summary>
    IEmulatedProvider CreateEmulator();

    /// <summary>The provider over the started emulator.</summary>
    ImageryProvider CreateEmulated(ProviderEmulator emulator, TimeProvider clock);

    /// <summary>The provider over the real service, configured from <see cref="LiveEnvironmentVariables"/>.</summary>
    ImageryProvider CreateLive();

    /// <summary>The request for the AOI (some providers first search their archive, so this may call the provider).</summary>
    Task<ImageryRequest> CreateRequestAsync(Aoi aoi, DateTimeOffset now, bool live, CancellationToken cancellationToken);
}
