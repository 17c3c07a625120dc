namespace SatDownload;

/// <summary>How <see cref="ProviderTask.WaitForCompletionAsync"/> polls: exponential backoff between an initial and maximum interval, bounded by a deadline.</summary>
public sealed class TaskPollingOptions
{
    /// <summary>The first delay between polls. Default 5 seconds.</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between polls. Default 2 minutes.</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The factor applied to the interval after each poll. Default 1.5.</summary>
    public double BackoffMultiplier { get; init; } = 1.5;

    /// <summary>Give up waiting after this long (the task itself keeps running). Default: no deadline.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether a Failed or Canceled task throws <see cref="ProviderTaskFailedException"/>. Default true.</summary>
    public bool ThrowOnFailure { get; init; } = true;

    /// <summary>Stop waiting as soon as some assets are available (for example ICEYE FULFILLED). Default false.</summary>
    public bool CompleteWhenAssetsAvailable { get; init; }

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An interval is not positive or the multiplier is below 1.</exception>
    public void Validate()
    {
        if (InitialInterval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialInterval), InitialInterval, "TaskPollingOptions.InitialInterval must not be negative.");
        }

        if (MaxInterval < InitialInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxInterval), MaxInterval, "TaskPollingOptions.MaxInterval must be at least InitialInterval.");
        }

        if (BackoffMultiplier < 1 || double.IsNaN(BackoffMultiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffMultiplier), BackoffMultiplier, "TaskPollingOptions.BackoffMultiplier must be 1 or more.");
        }

        if (Timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), t, "TaskPollingOptions.Timeout must be positive, or null for no deadline.");
        }
    }
}
