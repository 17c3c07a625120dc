namespace SatDownload.Iceye.Tests.Tasks;

/// <summary>An <see cref="IProgress{T}"/> that reports inline (Progress&lt;T&gt; posts to the thread pool, which races with assertions).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
