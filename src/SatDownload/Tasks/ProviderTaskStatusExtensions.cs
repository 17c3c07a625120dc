namespace SatDownload;

/// <summary>Helpers over <see cref="ProviderTaskStatus"/>.</summary>
public static class ProviderTaskStatusExtensions
{
    /// <summary>Whether the status is final (succeeded, partially succeeded, failed or cancelled).</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for terminal statuses.</returns>
    public static bool IsTerminal(this ProviderTaskStatus status) =>
        status is ProviderTaskStatus.Succeeded or ProviderTaskStatus.PartiallySucceeded or ProviderTaskStatus.Failed or ProviderTaskStatus.Canceled;

    /// <summary>Whether the status is final with at least some output.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> for succeeded and partially succeeded.</returns>
    public static bool HasOutput(this ProviderTaskStatus status) =>
        status is ProviderTaskStatus.Succeeded or ProviderTaskStatus.PartiallySucceeded;
}
