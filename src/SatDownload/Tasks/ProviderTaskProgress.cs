namespace SatDownload;

/// <summary>A progress report while waiting for a provider task.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Status">The unified status.</param>
/// <param name="ProviderStatus">The provider's raw status.</param>
/// <param name="PercentComplete">Progress from 0 to 100, when known.</param>
/// <param name="Elapsed">Time spent waiting so far (on the task's clock).</param>
public readonly record struct ProviderTaskProgress(string TaskId, ProviderTaskStatus Status, string? ProviderStatus, double? PercentComplete, TimeSpan Elapsed);
