namespace SatDownload.Http;

/// <summary>
/// The per-attempt timeout of one <see cref="ResilienceHandler"/> attempt, reachable by inner handlers through the request
/// options. Why: time spent waiting for the client-side rate limiter is not the server being slow, so
/// <see cref="RateLimitingHandler"/> pauses the timeout while it waits and restarts it when the request really goes out.
/// </summary>
internal sealed class AttemptTimeout
{
    public static readonly HttpRequestOptionsKey<AttemptTimeout> Key = new("SatDownload.AttemptTimeout");

    private readonly CancellationTokenSource _source;
    private readonly TimeSpan _timeout;

    public AttemptTimeout(CancellationTokenSource source, TimeSpan timeout)
    {
        _source = source;
        _timeout = timeout;
    }

    public bool IsExpired => _source.IsCancellationRequested;

    public void Start() => Change(_timeout);

    public void Pause() => Change(Timeout.InfiniteTimeSpan);

    private void Change(TimeSpan delay)
    {
        try
        {
            _source.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
            // The attempt already finished.
        }
    }
}
