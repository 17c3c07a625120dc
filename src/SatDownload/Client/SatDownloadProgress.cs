namespace SatDownload;

/// <summary>One progress report of the whole download flow: the phase, plus task or file progress when the phase has it.</summary>
public sealed class SatDownloadProgress
{
    /// <summary>The phase.</summary>
    public required SatDownloadPhase Phase { get; init; }

    /// <summary>The provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>The provider task id, once known.</summary>
    public string? TaskId { get; init; }

    /// <summary>The task's progress while <see cref="SatDownloadPhase.WaitingForTask"/>.</summary>
    public ProviderTaskProgress? Task { get; init; }

    /// <summary>File progress (per asset and aggregate) while <see cref="SatDownloadPhase.Downloading"/>.</summary>
    public DownloadProgress? Download { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Provider} {Phase}{(TaskId is null ? string.Empty : " task '" + TaskId + "'")}{(Task is { } t ? " " + t.Status + (t.PercentComplete is { } p ? $" {p:0.#}%" : string.Empty) : string.Empty)}{(Download is { } d ? " " + d : string.Empty)}";
}
