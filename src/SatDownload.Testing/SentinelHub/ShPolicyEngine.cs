using System.Globalization;

namespace SatDownload.Testing.SentinelHub;

/// <summary>
/// The account policies: a request bucket and a PU bucket per client, each refilled continuously over a minute
/// (unused capacity does not accumulate beyond one minute). Violations give the wait in milliseconds.
/// </summary>
internal sealed class ShPolicyEngine(SentinelHubEmulatorOptions options, TimeProvider clock)
{
    private readonly Dictionary<string, Buckets> _buckets = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Throttled { get; private set; }

    /// <summary>Takes one request and <paramref name="pu"/> units; returns the Retry-After in ms when a policy is violated.</summary>
    public string? TryConsume(string clientId, double pu)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (!_buckets.TryGetValue(clientId, out var b))
            {
                b = new Buckets { Requests = options.RequestsPerMinute ?? 0, Units = options.ProcessingUnitsPerMinute ?? 0, Last = now };
                _buckets[clientId] = b;
            }

            var elapsedMinutes = (now - b.Last).TotalMinutes;
            b.Last = now;
            double waitMs = 0;
            if (options.RequestsPerMinute is { } rpm)
            {
                b.Requests = Math.Min(rpm, b.Requests + (elapsedMinutes * rpm));
                if (b.Requests < 1)
                {
                    waitMs = Math.Max(waitMs, (1 - b.Requests) / rpm * 60_000);
                }
            }

            if (options.ProcessingUnitsPerMinute is { } ppm)
            {
                b.Units = Math.Min(ppm, b.Units + (elapsedMinutes * ppm));
                if (b.Units < pu)
                {
                    waitMs = Math.Max(waitMs, (Math.Min(pu, ppm) - b.Units) / ppm * 60_000);
                }
            }

            if (waitMs > 0)
            {
                Throttled++;
                return Math.Ceiling(waitMs).ToString(CultureInfo.InvariantCulture);
            }

            if (options.RequestsPerMinute is not null)
            {
                b.Requests -= 1;
            }

            if (options.ProcessingUnitsPerMinute is not null)
            {
                b.Units -= pu;
            }

            return null;
        }
    }

    private sealed class Buckets
    {
        public double Requests { get; set; }

        public double Units { get; set; }

        public DateTimeOffset Last { get; set; }
    }
}
