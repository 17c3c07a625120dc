namespace SatDownload.SentinelHub;

/// <summary>
/// The documented processing-unit formula (Sentinel Hub "Processing unit" page, identical on CDSE). There is no estimate
/// endpoint for Process/Statistical, so the client computes this before sending and checks it against the budget.
/// </summary>
public static class ProcessingUnitCalculator
{
    /// <summary>The unit name used in <see cref="CostEstimate"/> and budgets.</summary>
    public const string Unit = "PU";

    private const double ReferenceArea = 512.0 * 512.0;

    /// <summary>Computes the PU cost.</summary>
    /// <param name="p">The parameters.</param>
    /// <returns>The PU estimate, with the API's minimum applied.</returns>
    public static double Calculate(ProcessingUnitParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Width <= 0 || p.Height <= 0)
        {
            throw new ArgumentException("Width and height must be positive to estimate processing units.", nameof(p));
        }

        var pixels = (double)p.Width * p.Height;
        var area = Math.Max(pixels / ReferenceArea, 0.01);
        var bands = Math.Max(p.InputBands, 1) / 3.0;
        var format = p.Float32Output ? 2.0 : p.OctetStreamOutput ? 1.4 : 1.0;
        var samples = Math.Max(p.Samples, 1);
        var extras = 1.0;
        if (p.RadiometricTerrainCorrection)
        {
            extras *= 2.5;
        }
        else if (p.Orthorectify)
        {
            extras *= 2.0;
        }

        if (p.SpeckleFilter)
        {
            extras *= 2.0;
        }

        var fusion = Math.Max(p.LocalCollections + (2 * p.RemoteCollections), 1);
        var pu = area * bands * format * samples * extras * fusion;
        if (pixels >= 10_000)
        {
            pu *= p.Api switch
            {
                SentinelHubApi.AsyncProcess => 2.0 / 3.0,
                SentinelHubApi.Batch => 1.0 / 3.0,
                _ => 1.0,
            };
        }

        return Math.Max(pu, Minimum(p.Api));
    }

    /// <summary>The minimum charge per request of an API.</summary>
    /// <param name="api">The API.</param>
    /// <returns>The minimum in PU.</returns>
    public static double Minimum(SentinelHubApi api) => api switch
    {
        SentinelHubApi.Process => 0.005,
        SentinelHubApi.Statistical => 0.01,
        SentinelHubApi.AsyncProcess => 10,
        _ => 100,
    };

    /// <summary>Wraps a PU amount as a <see cref="CostEstimate"/> (rounded up to 4 decimals so the budget check never under-counts).</summary>
    /// <param name="pu">The amount.</param>
    /// <returns>The estimate.</returns>
    public static CostEstimate ToCost(double pu) => new((decimal)(Math.Ceiling(pu * 10_000) / 10_000), Unit);
}
