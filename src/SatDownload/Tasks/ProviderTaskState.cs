namespace SatDownload;

/// <summary>One observation of a provider task's state, as an adapter reads it from the provider.</summary>
public sealed class ProviderTaskState
{
    /// <summary>The unified status.</summary>
    public required ProviderTaskStatus Status { get; init; }

    /// <summary>The provider's raw status string, verbatim.</summary>
    public string? ProviderStatus { get; init; }

    /// <summary>Progress from 0 to 100 when the provider reports it.</summary>
    public double? PercentComplete { get; init; }

    /// <summary>A human-readable reason or message from the provider (failure reason, stop reason).</summary>
    public string? Message { get; init; }

    /// <summary>Whether some assets can be downloaded already although the task is not terminal (for example ICEYE FULFILLED).</summary>
    public bool AssetsAvailable { get; init; }

    /// <summary>The provider's hint for when to poll next (a Retry-After on the status call, a documented cadence).</summary>
    public TimeSpan? SuggestedPollDelay { get; init; }

    /// <summary>Provider-specific extras (cost, stop reason, ...).</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
