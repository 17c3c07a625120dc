namespace SatDownload.Testing.SentinelHub;

/// <summary>Settings of the <see cref="SentinelHubEmulator"/>.</summary>
public sealed class SentinelHubEmulatorOptions
{
    /// <summary>Token lifetime (CDSE: 10 minutes; Sentinel Hub: about an hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Token requests per minute per client before the token endpoint answers 429 with an HTML body (null: unlimited).</summary>
    public int? TokenRequestsPerMinute { get; set; }

    /// <summary>API requests per minute per client (null: unlimited). Violations answer 429 with <c>Retry-After</c> in milliseconds.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Processing units per minute per client (null: unlimited).</summary>
    public double? ProcessingUnitsPerMinute { get; set; }

    /// <summary>Concurrent Async Process requests per client before 429.</summary>
    public int AsyncConcurrencyLimit { get; set; } = 2;

    /// <summary>How long an Async request runs on the virtual clock.</summary>
    public TimeSpan AsyncDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long Batch analysis takes on the virtual clock.</summary>
    public TimeSpan BatchAnalysisDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long Batch processing takes on the virtual clock (completion grows linearly).</summary>
    public TimeSpan BatchProcessingDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tile names a Batch v2 task produces.</summary>
    public IList<string> BatchTileNames { get; } = new List<string> { "33TUK_0_0", "33TUK_0_1", "33TUK_1_0" };

    /// <summary>Tiles of <see cref="BatchTileNames"/> that fail (status FATAL in the execution database, no output written).</summary>
    public ISet<string> BatchFatalTileNames { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Width and height in pixels of each emulated Batch output tile.</summary>
    public int BatchTilePixels { get; set; } = 64;

    /// <summary>Feature ids a Batch Statistical task produces (one JSON each).</summary>
    public IList<int> BatchStatisticalFeatureIds { get; } = new List<int> { 1, 2, 3 };

    /// <summary>Size in bytes of each Catalog item's thumbnail blob (the one asset served over http).</summary>
    public int CatalogThumbnailBytes { get; set; } = 4096;

    /// <summary>API requests a client may make per month (null: unlimited). Once used up every API call answers 403.</summary>
    public long? MonthlyRequestQuota { get; set; }

    /// <summary>Processing units a client may spend per month (null: unlimited). Once used up every API call answers 403; Batch create needs 1000 PU left.</summary>
    public double? MonthlyProcessingUnitQuota { get; set; }

    /// <summary>Catalog items generated per collection per day.</summary>
    public int CatalogItemsPerDay { get; set; } = 2;

    /// <summary>Statistical intervals (by start, ISO date <c>yyyy-MM-dd</c>) that fail with <c>EXECUTION_ERROR</c> the first time they are requested in a multi-interval request.</summary>
    public ISet<string> StatisticalFailOnce { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Serve the tar <c>Accept</c> only as <c>application/x-tar</c> content type (both are documented).</summary>
    public bool TarContentTypeX { get; set; }
}
