namespace SatDownload.SentinelHub;

/// <summary>
/// Produces the POST that renders one Process output: the shared downloader sends it and streams the body to disk.
/// Inside the adapter the POST goes through the Sentinel Hub pipeline (which authenticates); for the unified client's
/// plain downloader the resolver adds the bearer token itself and fetches a fresh one when the service refuses it.
/// Either way the location decodes Sentinel Hub's errors (Retry-After in milliseconds, evalscript errors not retried)
/// and records the <c>x-processingunits-spent</c> of each rendering.
/// </summary>
internal sealed class ProcessRequestResolver(
    Uri endpoint,
    ReadOnlyMemory<byte> body,
    string accept,
    string? correlationId,
    ProcessingUnitsHandler units,
    TimeProvider timeProvider,
    SatDownload.Http.OAuth2TokenProvider? tokens = null) : ISignedUrlResolver
{
    private readonly Func<SatDownload.Http.ProviderErrorBody, SatDownload.Http.DecodedProviderError?> _errorDecoder = SentinelHubErrorDecoder.ForDownloads(timeProvider);

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

        // DownloadLocation.ForPost's settings, plus the Sentinel Hub hooks.
        return new DownloadLocation(endpoint)
        {
            Method = HttpMethod.Post,
            Body = body,
            BodyContentType = "application/json",
            AllowRanges = false,
            Headers = headers,
            ErrorDecoder = _errorDecoder,
            OnResponse = response => units.Record(correlationId, response),
        };
    }
}
