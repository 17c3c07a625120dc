namespace SatDownload.SentinelHub;

/// <summary>Maps Sentinel Hub's raw task statuses onto <see cref="ProviderTaskStatus"/> (table in docs/providers/sentinel-hub.md).</summary>
public static class SentinelHubStatusMapping
{
    /// <summary>Maps a Batch v2, Batch v1 or Batch Statistical status.</summary>
    /// <param name="status">The raw status.</param>
    /// <returns>The unified status; unknown values map to <see cref="ProviderTaskStatus.Running"/> so polling continues.</returns>
    public static ProviderTaskStatus MapBatch(string? status) => status?.ToUpperInvariant() switch
    {
        "CREATED" => ProviderTaskStatus.Pending,
        "ANALYSING" => ProviderTaskStatus.Running,
        "ANALYSIS_DONE" => ProviderTaskStatus.Pending,
        "PROCESSING" => ProviderTaskStatus.Running,
        "DONE" => ProviderTaskStatus.Succeeded,
        "PARTIAL" => ProviderTaskStatus.PartiallySucceeded,
        "FAILED" => ProviderTaskStatus.Failed,
        "STOPPED" => ProviderTaskStatus.Canceled,
        "CANCELED" or "CANCELLED" => ProviderTaskStatus.Canceled,
        null or "" => ProviderTaskStatus.Pending,
        _ => ProviderTaskStatus.Running,
    };

    /// <summary>Maps the Async Process status: <c>RUNNING</c> → Running; "no longer running" (404) → Succeeded, unconfirmed.</summary>
    /// <param name="status">The raw status, or null when the service answered 404.</param>
    /// <returns>The unified status.</returns>
    public static ProviderTaskStatus MapAsync(string? status) =>
        string.Equals(status, "RUNNING", StringComparison.OrdinalIgnoreCase) ? ProviderTaskStatus.Running : ProviderTaskStatus.Succeeded;
}
