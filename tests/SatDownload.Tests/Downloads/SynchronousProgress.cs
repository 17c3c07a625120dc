namespace SatDownload.Tests.Downloads;

/// <summary>An <see cref="IProgress{T}"/> that runs its callback inline (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class SynchronousProgress<T>(Action<T> onReport) : IProgress<T>
{
    public void Report(T value) => onReport(value);
}
