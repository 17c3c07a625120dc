namespace SatDownload.SentinelHub;

/// <summary>
/// Produces the POST that renders one Process output: the shared downloader sends it and streams the body to disk.
/// Inside the adapter the POST goes through the Sentinel Hub pipeline (which authenticates); for the unified client's
/// plain downloader the resolver adds the bearer token itself and fetches a fresh one when the service refuses it.
/// </summary>
internal sealed class ProcessRequestResolver(Uri endpoint, ReadOnlyMemory<byte> body, string accept, string? correlationId, SatDownload.Http.OAuth2TokenProvider? tokens = null) : ISignedUrlResolver
{
    public async ValueTask<DownloadLocation> ResolveAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken = default)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = accept };
        if (correlationId is not null)
        {
            headers[ProcessingUnitsHandler.CorrelationHeader] = correlationId;
        }

        if (tokens is not null)
        {
            if (context?.RefusedStatusCode == 401 && context.PreviousLocation?.Headers.TryGetValue("Authorization", out var rejected) == true)
            {
                tokens.Invalidate(rejected["Bearer ".Length..]);
            }

            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            headers["Authorization"] = "Bearer " + token.Value;
        }

        return DownloadLocation.ForPost(endpoint, body, "application/json", headers);
    }
}
