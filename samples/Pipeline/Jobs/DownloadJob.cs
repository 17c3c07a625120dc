namespace SatDownload.Samples.Pipeline.Jobs;

/// <summary>One download job from configuration (<c>Pipeline:Jobs</c>).</summary>
internal sealed class DownloadJob
{
    /// <summary>A name for the logs.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The provider (<see cref="ProviderNames"/>).</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>The area of interest as WKT or GeoJSON, for providers that take one.</summary>
    public string? Aoi { get; set; }

    /// <summary>Where the files, the journal and the STAC catalog go; jobs may share one destination.</summary>
    public string Destination { get; set; } = "downloads/pipeline";

    /// <summary>The most bytes this job may download.</summary>
    public long? MaxBytes { get; set; }

    /// <summary>The most files this job may download.</summary>
    public int? MaxFiles { get; set; }

    /// <summary>The most this job may cost, in <see cref="CostUnit"/>; checked against the provider's estimate before ordering.</summary>
    public decimal? MaxCost { get; set; }

    /// <summary>The unit of <see cref="MaxCost"/> (the provider's, for example <c>processing-units</c>).</summary>
    public string? CostUnit { get; set; }

    /// <summary>Provider-specific settings (see <see cref="JobRequestFactory"/>).</summary>
    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The budget, when the job sets any limit.</summary>
    public DownloadBudget? ToBudget() => MaxBytes is null && MaxFiles is null && MaxCost is null
        ? null
        : new DownloadBudget { MaxBytes = MaxBytes, MaxFiles = MaxFiles, MaxCost = MaxCost, CostUnit = CostUnit };
}
