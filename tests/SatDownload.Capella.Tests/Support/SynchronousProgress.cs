namespace SatDownload.Capella.Tests.Support;

/// <summary>Reports on the caller's thread (unlike <see cref="Progress{T}"/>), so a test can react at an exact point.</summary>
internal sealed class SynchronousProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
