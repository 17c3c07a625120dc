namespace SatDownload.Http;

/// <summary>
/// A token-bucket limiter on a <see cref="TimeProvider"/>, with a request bucket and an optional cost bucket. Waiters are
/// served in arrival order: each acquisition reserves its tokens immediately (the bucket may go into debt) and waits until
/// the debt is paid off, so the schedule is deterministic under a fake clock. A cancelled wait gives its tokens back.
/// Share one instance per provider account through <see cref="RateLimiterRegistry"/>.
/// </summary>
public class ProviderRateLimiter
{
    private readonly object _gate = new();
    private readonly RateLimitOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Bucket? _requests;
    private readonly Bucket? _cost;

    /// <summary>Creates a limiter.</summary>
    /// <param name="options">The limits (copied).</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    public ProviderRateLimiter(RateLimitOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _timeProvider = timeProvider ?? TimeProvider.System;
        var now = _timeProvider.GetTimestamp();
        if (_options.RequestsPerPeriod > 0)
        {
            _requests = new Bucket(_options.Burst ?? 1, _options.RequestsPerPeriod / _options.Period.TotalSeconds, now);
        }

        if (_options.CostUnitsPerPeriod > 0)
        {
            _cost = new Bucket(_options.CostBurst ?? _options.CostUnitsPerPeriod, _options.CostUnitsPerPeriod / _options.CostPeriod.TotalSeconds, now);
        }
    }

    /// <summary>For mocking.</summary>
    protected ProviderRateLimiter()
    {
        _options = new RateLimitOptions();
        _timeProvider = TimeProvider.System;
    }

    /// <summary>The limits in use.</summary>
    public virtual RateLimitOptions Options => _options.Clone();

    /// <summary>
    /// Reserves one request (and <paramref name="cost"/> units) and waits until they are available.
    /// </summary>
    /// <param name="cost">Cost units of this call (ignored when the cost bucket is off).</param>
    /// <param name="cancellationToken">Cancels the wait; the reservation is then returned.</param>
    /// <returns>How long the caller waited.</returns>
    public virtual async ValueTask<TimeSpan> AcquireAsync(double cost = 0, CancellationToken cancellationToken = default)
    {
        if (double.IsNaN(cost) || cost < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cost), cost, "The cost must be a non-negative number.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var wait = Reserve(cost);
        if (wait <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        try
        {
            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Release(cost);
            throw;
        }

        return wait;
    }

    /// <summary>How long a call of <paramref name="cost"/> would wait now, without reserving anything.</summary>
    /// <param name="cost">Cost units.</param>
    /// <returns>The wait.</returns>
    public virtual TimeSpan GetWaitEstimate(double cost = 0)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            var wait = TimeSpan.Zero;
            if (_requests is not null)
            {
                wait = Max(wait, _requests.WaitFor(1, now, _timeProvider));
            }

            if (_cost is not null && cost > 0)
            {
                wait = Max(wait, _cost.WaitFor(cost, now, _timeProvider));
            }

            return wait;
        }
    }

    private TimeSpan Reserve(double cost)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            var wait = TimeSpan.Zero;
            if (_requests is not null)
            {
                wait = Max(wait, _requests.Take(1, now, _timeProvider));
            }

            if (_cost is not null && cost > 0)
            {
                wait = Max(wait, _cost.Take(cost, now, _timeProvider));
            }

            return wait;
        }
    }

    private void Release(double cost)
    {
        lock (_gate)
        {
            _requests?.Give(1);
            if (cost > 0)
            {
                _cost?.Give(cost);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Bucket
    {
        private readonly double _capacity;
        private readonly double _refillPerSecond;
        private double _tokens;
        private long _last;

        public Bucket(double capacity, double refillPerSecond, long createdTimestamp)
        {
            _capacity = capacity;
            _refillPerSecond = refillPerSecond;
            _tokens = capacity;
            _last = createdTimestamp;
        }

        public TimeSpan Take(double amount, long now, TimeProvider clock)
        {
            Refill(now, clock);
            _tokens -= amount;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _refillPerSecond);
        }

        public TimeSpan WaitFor(double amount, long now, TimeProvider clock)
        {
            Refill(now, clock);
            var after = _tokens - amount;
            return after >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-after / _refillPerSecond);
        }

        public void Give(double amount) => _tokens = Math.Min(_capacity, _tokens + amount);

        private void Refill(long now, TimeProvider clock)
        {
            var elapsed = clock.GetElapsedTime(_last, now).TotalSeconds;
            _last = now;
            if (elapsed > 0)
            {
                _tokens = Math.Min(_capacity, _tokens + (elapsed * _refillPerSecond));
            }
        }
    }
}
