namespace SatDownload.Client;

/// <summary>An <see cref="IProgress{T}"/> that runs its callback on the reporting thread (no synchronisation-context hop), for forwarding.</summary>
internal sealed class InlineProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
