namespace SatDownload.SentinelHub;

/// <summary>The Sentinel Hub API a request goes to; it sets the PU minimum and discounts.</summary>
public enum SentinelHubApi
{
    /// <summary>Process API (minimum 0.005 PU).</summary>
    Process,

    /// <summary>Async Process API (minimum 10 PU; ×2/3 from 10 000 px).</summary>
    AsyncProcess,

    /// <summary>Batch Process API v2 (minimum 100 PU; ×1/3 from 10 000 px).</summary>
    Batch,

    /// <summary>Statistical API (minimum 0.01 PU).</summary>
    Statistical,

    /// <summary>Batch Statistical API (minimum 100 PU).</summary>
    BatchStatistical,
}
