using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// Entry point to Sentinel Hub (EU, US-West or Copernicus Data Space). Sub-clients for each API share one pipeline:
/// one token cache per (token URL, client id), one rate limiter per credential, 429 <c>Retry-After</c> read in milliseconds.
/// Thread-safe; create once and reuse.
/// </summary>
public class SentinelHubClient
{
    private readonly SentinelHubPipeline? _pipeline;
    private readonly Lazy<SentinelHubProcessClient>? _process;
    private readonly Lazy<SentinelHubCatalogClient>? _catalog;
    private readonly Lazy<SentinelHubBatchClient>? _batch;
    private readonly Lazy<SentinelHubStatisticalClient>? _statistical;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Deployment, credentials and behaviour.</param>
    /// <exception cref="ArgumentException">The options are incomplete or inconsistent (the message names the setting).</exception>
    public SentinelHubClient(SentinelHubClientOptions options)
        : this(options, null)
    {
    }

    /// <summary>Creates a client over a pre-built <see cref="HttpClient"/> (from <c>IHttpClientFactory</c>) whose handlers already authenticate.</summary>
    /// <param name="options">Options.</param>
    /// <param name="httpClient">The configured client, or null to build the standard pipeline.</param>
    public SentinelHubClient(SentinelHubClientOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _pipeline = new SentinelHubPipeline(options, httpClient);
        _process = new Lazy<SentinelHubProcessClient>(() => new SentinelHubProcessClient(_pipeline));
        _catalog = new Lazy<SentinelHubCatalogClient>(() => new SentinelHubCatalogClient(_pipeline));
        _batch = new Lazy<SentinelHubBatchClient>(() => new SentinelHubBatchClient(_pipeline));
        _statistical = new Lazy<SentinelHubStatisticalClient>(() => new SentinelHubStatisticalClient(_pipeline));
    }

    /// <summary>For mocking.</summary>
    protected SentinelHubClient()
    {
    }

    /// <summary>The options the client was built with.</summary>
    public virtual SentinelHubClientOptions Options => Pipeline.Options;

    /// <summary>The deployment the client talks to.</summary>
    public virtual SentinelHubDeployment Deployment => Pipeline.Options.Deployment;

    private SentinelHubPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Process API (synchronous rendering to files, large-area splitting) and Async Process API.</summary>
    /// <returns>The sub-client.</returns>
    public virtual SentinelHubProcessClient GetProcessClient() => _process!.Value;

    /// <summary>Catalog API (STAC search, collections, items).</summary>
    /// <returns>The sub-client.</returns>
    public virtual SentinelHubCatalogClient GetCatalogClient() => _catalog!.Value;

    /// <summary>Batch Process API v2.</summary>
    /// <returns>The sub-client.</returns>
    public virtual SentinelHubBatchClient GetBatchClient() => _batch!.Value;

    /// <summary>Statistical API and Batch Statistical API.</summary>
    /// <returns>The sub-client.</returns>
    public virtual SentinelHubStatisticalClient GetStatisticalClient() => _statistical!.Value;

    /// <summary>Estimates the processing units of a request with the documented formula (no network call).</summary>
    /// <param name="request">The request.</param>
    /// <param name="api">Process or AsyncProcess.</param>
    /// <param name="samples">Samples per pixel, when known (ORBIT/TILE mosaicking).</param>
    /// <returns>The estimate in PU.</returns>
    public virtual CostEstimate EstimateProcessingUnits(ProcessRequest request, SentinelHubApi api = SentinelHubApi.Process, int? samples = null) =>
        ProcessingUnitCalculator.ToCost(ProcessingUnitEstimator.Estimate(request, api, samples));

    /// <inheritdoc />
    public override string ToString() => _pipeline is null ? "SentinelHubClient (mock)" : $"SentinelHubClient {Deployment}";
}
