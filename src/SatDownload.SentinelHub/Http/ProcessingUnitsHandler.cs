using SatDownload.Http;

using System.Collections.Concurrent;

namespace SatDownload.SentinelHub;

/// <summary>
/// Outermost handler of the pipeline for generated downloads: requests tagged with a correlation header get their PU
/// estimate attached as the rate limiter's cost. Also the one place the <c>x-processingunits-spent</c> of Process
/// renderings is recorded (<see cref="Record"/>, called by the downloader through <see cref="DownloadLocation.OnResponse"/>
/// whichever downloader sends the POST): per correlation id for the adapter's own <c>ProcessAsync</c>, and as a running
/// total of the client for every rendering (including those <see cref="SatDownloadClient"/> downloads).
/// </summary>
internal sealed class ProcessingUnitsHandler : DelegatingHandler
{
    public const string CorrelationHeader = "X-SatDownload-Correlation";

    /// <summary>
    /// <c>satdownload.sentinelhub.processing_units</c>: the PUs Sentinel Hub reported for Process renderings, tagged with
    /// <c>provider</c>.
    /// </summary>
    private static readonly System.Diagnostics.Metrics.Counter<double> SpentCounter =
        SatDownload.Diagnostics.SatDownloadDiagnostics.Meter.CreateCounter<double>("satdownload.sentinelhub.processing_units", "{PU}", "Processing units Sentinel Hub reported for Process renderings.");

    private readonly ConcurrentDictionary<string, double> _costs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _spent = new(StringComparer.Ordinal);
    private long _totalMicroUnits;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public void Register(string correlationId, double estimatedCost) => _costs[correlationId] = estimatedCost;

    /// <summary>The PUs every successful Process rendering of this client reported, summed.</summary>
    public double TotalSpent => Interlocked.Read(ref _totalMicroUnits) / 1_000_000d;

    /// <summary>Records the <c>x-processingunits-spent</c> of a successful rendering (nothing for failures or a missing header).</summary>
    /// <param name="correlationId">The adapter's correlation id, or null when no caller collects per-request figures.</param>
    /// <param name="response">The response the downloader received.</param>
    public void Record(string? correlationId, StorageResponse response)
    {
        if (!response.IsSuccessStatusCode || SentinelHubPipeline.UnitsSpent(response.Headers) is not { } spent)
        {
            return;
        }

        Interlocked.Add(ref _totalMicroUnits, (long)Math.Round(spent * 1_000_000d));
        SpentCounter.Add(spent, new KeyValuePair<string, object?>("provider", ProviderNames.SentinelHub));
        if (correlationId is not null)
        {
            _spent.AddOrUpdate(correlationId, spent, (_, old) => old + spent);
        }
    }

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
        if (id is null || response.IsSuccessStatusCode)
        {
            return response;
        }

        // The shared downloader only sees "HTTP 400"; decode Sentinel Hub's body so the caller gets the server's reason.
        using (response)
        {
            throw await SentinelHubErrorDecoder.CreateExceptionAsync(response, "process", Time, cancellationToken).ConfigureAwait(false);
        }
    }
}
