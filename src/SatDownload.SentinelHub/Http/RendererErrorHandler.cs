namespace SatDownload.SentinelHub;

/// <summary>
/// Innermost handler: a 500 with <c>RENDERER_EXCEPTION</c> is an evalscript error that repeats on every attempt, so it
/// is turned into a <see cref="ProviderRequestException"/> here, below the retry handler, instead of being retried.
/// </summary>
internal sealed class RendererErrorHandler(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode != 500 || response.Content is null)
        {
            return response;
        }

        // ReadAsStringAsync buffers the body, so the retry handler can still read it when this is not a renderer error.
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!text.Contains(SentinelHubErrorCodes.RendererException, StringComparison.Ordinal))
        {
            return response;
        }

        using (response)
        {
            throw await SentinelHubErrorDecoder.CreateExceptionAsync(response, request.Options.TryGetValue(SatDownload.Http.ProviderRequestOptions.Operation, out var op) ? op : "process", time, cancellationToken).ConfigureAwait(false);
        }
    }
}
