namespace SatDownload;

/// <summary>The step of <see cref="SatDownloadClient.DownloadAsync(ImageryRequest, string, DownloadOptions?, IProgress{DownloadProgress}?, CancellationToken)"/> a progress report comes from.</summary>
public enum SatDownloadPhase
{
    /// <summary>Checking the request and options (no network).</summary>
    Validating,

    /// <summary>Asking the provider what the request would cost.</summary>
    EstimatingCost,

    /// <summary>Creating the provider task (ordering).</summary>
    CreatingTask,

    /// <summary>Rebuilding a task recorded in the journal by an earlier run.</summary>
    ResumingTask,

    /// <summary>Waiting for the provider task to finish; <see cref="SatDownloadProgress.Task"/> is set.</summary>
    WaitingForTask,

    /// <summary>Listing and filtering the task's assets.</summary>
    ListingAssets,

    /// <summary>Downloading files; <see cref="SatDownloadProgress.Download"/> is set.</summary>
    Downloading,

    /// <summary>Writing the STAC catalog.</summary>
    WritingManifest,

    /// <summary>Done.</summary>
    Completed,
}
