using Microsoft.AspNetCore.Routing;

namespace SatDownload.Testing;

/// <summary>
/// A provider emulator plugged into a <see cref="ProviderEmulator"/>: it owns every route under <see cref="BasePath"/>,
/// keeps its files in <see cref="ProviderEmulator.Blobs"/> and drives its state machines from
/// <see cref="ProviderEmulator.Clock"/>. Faults and the request log apply to its routes automatically.
/// </summary>
public interface IEmulatedProvider
{
    /// <summary>The provider name, for example <c>iceye</c> (see <c>ProviderNames</c>); used in <see cref="RequestLogEntry.Provider"/>.</summary>
    string Name { get; }

    /// <summary>
    /// The path all routes live under, for example <c>/iceye</c>: starts with <c>/</c>, no trailing <c>/</c>, unique
    /// within an emulator. Clients are pointed at <c>new Uri(emulator.BaseUri, "iceye/")</c>.
    /// </summary>
    string BasePath { get; }

    /// <summary>
    /// Maps the provider's endpoints. <paramref name="routes"/> is a route group already rooted at
    /// <see cref="BasePath"/>: map <c>"/api/v1/orders"</c>, not <c>"/iceye/api/v1/orders"</c>.
    /// </summary>
    /// <param name="routes">The route group for <see cref="BasePath"/>.</param>
    /// <param name="emulator">The host, for <see cref="ProviderEmulator.Blobs"/>, <see cref="ProviderEmulator.Clock"/> and <see cref="ProviderEmulator.BaseUri"/>.</param>
    void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator);
}
