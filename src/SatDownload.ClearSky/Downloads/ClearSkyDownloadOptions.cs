namespace SatDownload.ClearSky;

/// <summary>Per-call settings of <see cref="ClearSkyClient.DownloadCompositeAsync"/> and the tile downloads.</summary>
public sealed record ClearSkyDownloadOptions
{
    /// <summary>
    /// The budget the estimate must fit (set <see cref="DownloadBudget.MaxCost"/> in <see cref="ClearSkyEstimate.CostUnit"/>);
    /// when the estimate exceeds it a <see cref="BudgetExceededException"/> is thrown and no composite request is sent.
    /// Its byte and file limits apply to the download too.
    /// </summary>
    public DownloadBudget? Budget { get; init; }

    /// <summary>How the shared downloader writes the file (template, existing-file policy, retries).</summary>
    public DownloadOptions? Download { get; init; }

    /// <summary>
    /// Refuse to send the composite when <c>/available</c> says it is not ready (not fully available, not ordered, or not
    /// available to the account), unless <c>AllowPartialImage</c> or <c>AutomaticOrderCreation</c> covers the gap. Default true.
    /// </summary>
    public bool RequireAvailability { get; init; } = true;

    /// <summary>Write the attribution notice to <c>&lt;file&gt;.attribution.txt</c> next to the file. Default true.</summary>
    public bool WriteAttributionFile { get; init; } = true;

    /// <summary>Rename the file to the name in ClearSKY's <c>Content-Disposition</c> when it sends one. Default true.</summary>
    public bool UseServerFileName { get; init; } = true;
}
