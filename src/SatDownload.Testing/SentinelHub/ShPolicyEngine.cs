using System.Globalization;

namespace SatDownload.Testing.SentinelHub;

/// <summary>
/// The account policies: a request bucket and a PU bucket per client, each refilled continuously over a minute
/// (unused capacity does not accumulate beyond one minute). Violations give the wait in milliseconds.
/// </summary>
internal sealed class ShPolicyEngine(SentinelHubEmulatorOptions options, TimeProvider clock)
{
    private readonly Dictionary<string, Buckets> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MonthlyUse> _months = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public int Throttled { get; private set; }

    /// <summary>Processing units left this month for a client (null: no monthly PU quota).</summary>
    public double? RemainingMonthlyUnits(string clientId)
    {
        lock (_gate)
        {
            return options.MonthlyProcessingUnitQuota is { } q ? q - Month(clientId).Units : null;
        }
    }

    /// <summary>
    /// Checks the monthly quotas (requests and PU): null when the call may go on, else why it is refused (403).
    /// Checked before the per-minute policies, like an exhausted account is refused before it is throttled.
    /// </summary>
    public string? QuotaExhausted(string clientId, double pu)
    {
        lock (_gate)
        {
            var m = Month(clientId);
            if (options.MonthlyRequestQuota is { } rq && m.Requests >= rq)
            {
                return "You have used up your monthly request quota (" + rq.ToString(CultureInfo.InvariantCulture) + " requests).";
            }

            if (options.MonthlyProcessingUnitQuota is { } pq && m.Units + pu > pq)
            {
                return "You have used up your monthly processing unit quota (" + pq.ToString(CultureInfo.InvariantCulture) + " PU).";
            }

            return null;
        }
    }

    /// <summary>Takes one request and <paramref name="pu"/> units; returns the Retry-After in ms when a policy is violated.</summary>
    public string? TryConsume(string clientId, double pu)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var month = Month(clientId);
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

            month.Requests++;
            month.Units += pu;
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

    private MonthlyUse Month(string clientId)
    {
        var now = clock.GetUtcNow();
        var key = clientId + "|" + now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (!_months.TryGetValue(key, out var m))
        {
            m = new MonthlyUse();
            _months[key] = m;
        }

        return m;
    }

    private sealed class MonthlyUse
    {
        public long Requests { get; set; }

        public double Units { get; set; }
    }

    private sealed class Buckets
    {
        public double Requests { get; set; }

        public double Units { get; set; }

        public DateTimeOffset Last { get; set; }
    }
}
