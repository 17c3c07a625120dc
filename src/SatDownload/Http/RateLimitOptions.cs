namespace SatDownload.Http;

/// <summary>
/// Client-side pacing for a provider account: a request bucket (requests per period, with an optional burst) and an
/// optional cost bucket (cost units per period, for example Sentinel Hub processing units per minute).
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests allowed per <see cref="Period"/>; 0 disables the request bucket.</summary>
    public int RequestsPerPeriod { get; set; }

    /// <summary>The request bucket's period. Default 1 minute.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many requests may go at once before pacing starts. Default 1: requests are spread evenly over the period (providers
    /// such as Sentinel Hub throttle bursts even within quota). Set to <see cref="RequestsPerPeriod"/> for a classic window.
    /// </summary>
    public int? Burst { get; set; }

    /// <summary>Cost units allowed per <see cref="CostPeriod"/>; 0 disables the cost bucket.</summary>
    public double CostUnitsPerPeriod { get; set; }

    /// <summary>The cost bucket's period. Default 1 minute.</summary>
    public TimeSpan CostPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Cost units that may be spent at once before pacing starts. Default: <see cref="CostUnitsPerPeriod"/>.</summary>
    public double? CostBurst { get; set; }

    /// <summary>Validates the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (RequestsPerPeriod < 0)
        {
            throw new ArgumentException("RateLimitOptions.RequestsPerPeriod must not be negative (0 disables it).", nameof(RequestsPerPeriod));
        }

        if (RequestsPerPeriod > 0 && Period <= TimeSpan.Zero)
        {
            throw new ArgumentException("RateLimitOptions.Period must be positive.", nameof(Period));
        }

        if (Burst is { } burst && burst < 1)
        {
            throw new ArgumentException("RateLimitOptions.Burst must be at least 1.", nameof(Burst));
        }

        if (double.IsNaN(CostUnitsPerPeriod) || CostUnitsPerPeriod < 0)
        {
            throw new ArgumentException("RateLimitOptions.CostUnitsPerPeriod must not be negative (0 disables it).", nameof(CostUnitsPerPeriod));
        }

        if (CostUnitsPerPeriod > 0 && CostPeriod <= TimeSpan.Zero)
        {
            throw new ArgumentException("RateLimitOptions.CostPeriod must be positive.", nameof(CostPeriod));
        }

        if (CostBurst is { } costBurst && (double.IsNaN(costBurst) || costBurst <= 0))
        {
            throw new ArgumentException("RateLimitOptions.CostBurst must be positive.", nameof(CostBurst));
        }
    }

    /// <summary>Copies the options.</summary>
    /// <returns>The copy.</returns>
    public RateLimitOptions Clone() => (RateLimitOptions)MemberwiseClone();
}
