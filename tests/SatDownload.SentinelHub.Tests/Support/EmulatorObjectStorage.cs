using System.Runtime.CompilerServices;
using SatDownload.Testing;
using SatDownload.Testing.SentinelHub;

namespace SatDownload.SentinelHub.Tests.Support;

/// <summary>The test's "S3 client": lists the emulator's fake bucket and presigns with the blob store's signed URLs.</summary>
internal sealed class EmulatorObjectStorage(ProviderEmulator emulator, TimeSpan? ttl = null) : ISentinelHubObjectStorage
{
    public int Presigned { get; private set; }

    public async IAsyncEnumerable<Uri> ListAsync(Uri prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        var blobPrefix = SentinelHubEmulator.BlobNameFor(prefix.OriginalString);
        foreach (var name in emulator.Blobs.Names.Where(n => n.StartsWith(blobPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return new Uri("s3://" + name[3..]);
        }
    }

    public ValueTask<DownloadLocation> PresignAsync(Uri objectUri, CancellationToken cancellationToken = default)
    {
        Presigned++;
        var life = ttl ?? TimeSpan.FromHours(1);
        var url = emulator.Blobs.GetSignedUrl(SentinelHubEmulator.BlobNameFor(objectUri.OriginalString), life);
        return ValueTask.FromResult(new DownloadLocation(url) { ExpiresAt = emulator.Clock.GetUtcNow() + life });
    }
}
