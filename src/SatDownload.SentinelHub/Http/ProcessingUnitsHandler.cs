using SatDownload.Http;

using System.Collections.Concurrent;

namespace SatDownload.SentinelHub;

/// <summary>
/// Outermost handler of the pipeline for generated downloads: requests tagged with a correlation header get their PU
/// estimate attached as the rate limiter's cost, and the <c>x-processingunits-spent</c> header of the response is kept
/// so the caller can report it after the shared downloader wrote the body to disk.
/// </summary>
internal sealed class ProcessingUnitsHandler : DelegatingHandler
{
    public const string CorrelationHeader = "X-SatDownload-Correlation";

    private readonly ConcurrentDictionary<string, double> _costs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _spent = new(StringComparer.Ordinal);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public void Register(string correlationId, double estimatedCost) => _costs[correlationId] = estimatedCost;

    public double? Take(string correlationId)
    {
        _costs.TryRemove(correlationId, out _);
        return _spent.TryRemove(correlationId, out var pu) ? pu : null;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? id = null;
        if (request.Headers.TryGetValues(CorrelationHeader, out var values))
        {
            id = values.FirstOrDefault();
            request.Headers.Remove(CorrelationHeader);
            if (id is not null && _costs.TryGetValue(id, out var cost))
            {
                request.WithCost(cost);
            }
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            return response;
        }

        if (response.IsSuccessStatusCode)
        {
            if (SentinelHubPipeline.UnitsSpent(response) is { } spent)
            {
                _spent.AddOrUpdate(id, spent, (_, old) => old + spent);
            }

            return response;
        }

        // The shared downloader only sees "HTTP 400"; decode Sentinel Hub's body so the caller gets the server's reason.
        using (response)
        {
            throw await SentinelHubErrorDecoder.CreateExceptionAsync(response, "process", Time, cancellationToken).ConfigureAwait(false);
        }
    }
}
