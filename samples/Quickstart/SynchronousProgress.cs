namespace SatDownload.Samples.Quickstart;

/// <summary>
/// An <see cref="IProgress{T}"/> that runs its handler on the reporting thread, serialised by a lock.
/// Why: <see cref="Progress{T}"/> posts to the thread pool in a console app, so the last reports could arrive after the bars are drawn.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            handler(value);
        }
    }
}
