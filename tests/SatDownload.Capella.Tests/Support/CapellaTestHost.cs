using System.Security.Cryptography;
using SatDownload.Testing;
using SatDownload.Testing.Capella;

namespace SatDownload.Capella.Tests.Support;

/// <summary>One emulator with the Capella provider, and clients pointed at it on its virtual clock.</summary>
internal sealed class CapellaTestHost : IAsyncDisposable
{
    private CapellaTestHost(ProviderEmulator emulator, CapellaEmulator capella)
    {
        Emulator = emulator;
        Capella = capella;
    }

    public ProviderEmulator Emulator { get; }

    public CapellaEmulator Capella { get; }

    public Uri ApiRoot => Emulator.GetProviderUri(Capella);

    public static async Task<CapellaTestHost> StartAsync(VirtualClock? clock = null)
    {
        var capella = new CapellaEmulator();
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { capella }, Clock = clock });
        return new CapellaTestHost(emulator, capella);
    }

    public CapellaClientOptions Options(string? apiKey = CapellaEmulator.DefaultApiKey) => new()
    {
        Endpoint = ApiRoot,
        ApiKey = apiKey,
        TimeProvider = Emulator.Clock,
    };

    public CapellaClient ApiKeyClient(string apiKey = CapellaEmulator.DefaultApiKey) => new(Options(apiKey));

    public CapellaClient TokenClient(string password = CapellaEmulator.DefaultPassword) => new(new CapellaClientOptions
    {
        Endpoint = ApiRoot,
        Username = CapellaEmulator.DefaultUsername,
        Password = password,
        TimeProvider = Emulator.Clock,
    });

    public string BlobSha256(string blobName) => Convert.ToHexString(SHA256.HashData(Emulator.Blobs.Get(blobName).ToArray())).ToLowerInvariant();

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
