namespace SatDownload;

/// <summary>The unified status of a provider task. Each adapter documents how its provider's raw statuses map onto these.</summary>
public enum ProviderTaskStatus
{
    /// <summary>Accepted by the provider, not started (queued, created, received).</summary>
    Pending,

    /// <summary>Being processed or acquired. Some assets may already be available (see <see cref="ProviderTaskState.AssetsAvailable"/>).</summary>
    Running,

    /// <summary>Finished; every output is available.</summary>
    Succeeded,

    /// <summary>Finished; some outputs are available and some failed.</summary>
    PartiallySucceeded,

    /// <summary>Finished without usable output.</summary>
    Failed,

    /// <summary>Cancelled by the user or the provider.</summary>
    Canceled,
}
