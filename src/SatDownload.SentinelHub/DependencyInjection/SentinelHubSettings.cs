namespace SatDownload.SentinelHub;

/// <summary>Configuration shape for <c>AddSentinelHub(configuration)</c> (e.g. a <c>SentinelHub</c> section).</summary>
public sealed class SentinelHubSettings
{
    /// <summary><c>EU</c> (default), <c>US-West</c> or <c>CDSE</c>.</summary>
    public string? Deployment { get; set; }

    /// <summary>Overrides the deployment's API base URL.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Overrides the deployment's token URL.</summary>
    public Uri? TokenUrl { get; set; }

    /// <summary>OAuth client id (falls back to <c>SATDOWNLOAD_SENTINELHUB_CLIENT_ID</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth client secret (falls back to <c>SATDOWNLOAD_SENTINELHUB_CLIENT_SECRET</c>).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Use the legacy <c>/oauth/token</c> endpoint.</summary>
    public bool UseLegacyTokenEndpoint { get; set; }

    /// <summary>Client-side requests per minute.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Client-side processing units per minute.</summary>
    public double? ProcessingUnitsPerMinute { get; set; }

    /// <summary>Maximum PU per call (budget), or null.</summary>
    public decimal? MaxProcessingUnits { get; set; }

    /// <summary>Tiles rendered at once for large areas.</summary>
    public int MaxParallelTiles { get; set; } = 4;

    /// <summary>Allow http:// endpoints (emulator, trusted proxy).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Builds client options.</summary>
    /// <returns>The options.</returns>
    public SentinelHubClientOptions ToOptions()
    {
        var env = SentinelHubClientOptions.FromEnvironment();
        var deployment = string.IsNullOrWhiteSpace(Deployment) ? env?.Deployment ?? SentinelHubDeployment.Eu : SentinelHubDeployment.Parse(Deployment);
        if (BaseUrl is not null || TokenUrl is not null)
        {
            deployment = SentinelHubDeployment.Custom(deployment.Name, BaseUrl ?? deployment.BaseUri, TokenUrl ?? deployment.TokenUri, deployment.IdentityProvider, deployment.LegacyTokenUri);
        }

        return new SentinelHubClientOptions
        {
            Deployment = deployment,
            ClientId = string.IsNullOrWhiteSpace(ClientId) ? env?.ClientId : ClientId,
            ClientSecret = string.IsNullOrWhiteSpace(ClientSecret) ? env?.ClientSecret : ClientSecret,
            UseLegacyTokenEndpoint = UseLegacyTokenEndpoint,
            RequestsPerMinute = RequestsPerMinute,
            ProcessingUnitsPerMinute = ProcessingUnitsPerMinute,
            Budget = MaxProcessingUnits is { } max ? new DownloadBudget { MaxCost = max, CostUnit = ProcessingUnitCalculator.Unit } : null,
            MaxParallelTiles = MaxParallelTiles,
            AllowInsecureHttp = AllowInsecureHttp,
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"SentinelHubSettings(Deployment={Deployment ?? "EU"}, ClientId={ClientId ?? "(env)"}, ClientSecret={(ClientSecret is null ? "(env)" : Redactor.Mask)})";
}
