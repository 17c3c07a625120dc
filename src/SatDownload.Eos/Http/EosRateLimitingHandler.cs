using SatDownload.Http;

namespace SatDownload.Eos.Http;

/// <summary>
/// Keeps every EOS call inside "10 requests per minute for each endpoint in the context of your api_key": each request
/// takes a permit from the shared limiter of its endpoint (the operation template such as
/// <c>GET /api/gdw/api/{task_id}</c>) and key, held in a <see cref="RateLimiterRegistry"/> shared by every client that
/// uses the same key. Sits outside the retry handler (see <see cref="EosPipeline"/>).
/// </summary>
internal sealed class EosRateLimitingHandler : DelegatingHandler
{
    private readonly EosRateLimits _limits;

    public EosRateLimitingHandler(EosRateLimits limits)
    {
        _limits = limits;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _limits.AcquireAsync(ProviderRequestOptions.GetOperation(request), cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
