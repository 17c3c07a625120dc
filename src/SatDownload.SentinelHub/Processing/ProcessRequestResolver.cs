namespace SatDownload.SentinelHub;

/// <summary>Produces the POST that renders one Process output: the shared downloader sends it and streams the body to disk.</summary>
internal sealed class ProcessRequestResolver(Uri endpoint, ReadOnlyMemory<byte> body, string accept, string correlationId) : ISignedUrlResolver
{
    public ValueTask<DownloadLocation> ResolveAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(DownloadLocation.ForPost(endpoint, body, "application/json", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Accept"] = accept,
            [ProcessingUnitsHandler.CorrelationHeader] = correlationId,
        }));
}
