namespace SatDownload.Samples.Pipeline.Jobs;

/// <summary>The <c>Pipeline</c> configuration section.</summary>
internal sealed class PipelineSettings
{
    /// <summary>Start the provider emulators in-process and point the providers at them.</summary>
    public bool UseEmulators { get; set; } = true;

    /// <summary>The jobs, run one after the other.</summary>
    public List<DownloadJob> Jobs { get; set; } = [];
}
