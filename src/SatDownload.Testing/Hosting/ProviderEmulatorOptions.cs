using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace SatDownload.Testing;

/// <summary>Options for <see cref="ProviderEmulator.StartAsync"/>.</summary>
public sealed class ProviderEmulatorOptions
{
    /// <summary>The provider emulators to host; each maps its routes under its own base path.</summary>
    public IList<IEmulatedProvider> Providers { get; init; } = new List<IEmulatedProvider>();

    /// <summary>The clock the emulator and its providers use; a new <see cref="VirtualClock"/> at <see cref="VirtualClock.DefaultStart"/> when null.</summary>
    public VirtualClock? Clock { get; init; }

    /// <summary>
    /// Extra service registrations for the emulator's host, for example
    /// <c>services.ConfigureHttpJsonOptions(o =&gt; o.SerializerOptions.TypeInfoResolverChain.Insert(0, MyEmulatorJsonContext.Default))</c>
    /// so minimal-API endpoints use a source-generated JSON context.
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Extra endpoints for a test (mapped at the root, after the providers and the blob store).</summary>
    public Action<IEndpointRouteBuilder>? MapAdditionalRoutes { get; init; }

    /// <summary>Request bodies up to this size with a textual content type are kept (redacted) in <see cref="RequestLogEntry.RequestBody"/>. 64 KiB by default; 0 disables.</summary>
    public int MaxLoggedRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>How long <see cref="ProviderEmulator.DisposeAsync"/> waits for in-flight requests before forcing them closed. 2 seconds by default.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
