using System.Collections.Concurrent;

namespace SatDownload.Testing.ClearSky;

/// <summary>Behaviour switches of <see cref="ClearSkyEmulator"/>; may be changed between requests.</summary>
public sealed class ClearSkyEmulatorOptions
{
    /// <summary>The key the emulator accepts.</summary>
    public string ApiKey { get; set; } = "clearsky-test-key";

    /// <summary>Keys answered with 403 (revoked).</summary>
    public ISet<string> RevokedKeys { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The availability fixture table, by date (<c>yyyy-MM-dd</c>); dates not listed use <see cref="DefaultDateState"/>.</summary>
    public ConcurrentDictionary<DateOnly, ClearSkyDateState> Dates { get; } = new();

    /// <summary>The state of dates not in <see cref="Dates"/>.</summary>
    public ClearSkyDateState DefaultDateState { get; set; } = ClearSkyDateState.Available;

    /// <summary>Processing units per km² at 10 m (scaled by (10/Resolution)²).</summary>
    public decimal UnitsPerKm2At10m { get; set; } = 0.05m;

    /// <summary>The account's processing-unit balance (error 994 when a composite costs more).</summary>
    public decimal Balance { get; set; } = 1_000m;

    /// <summary>The account's <c>MaxCompositeAreaKm2</c>.</summary>
    public double MaxCompositeAreaKm2 { get; set; } = 2_500;

    /// <summary>The account's <c>MaxTotalBands</c>.</summary>
    public int MaxTotalBands { get; set; } = 20;

    /// <summary>The account's <c>MaxConcurrentConnections</c>: more processing requests in flight are refused.</summary>
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>Answer the concurrency limit with HTTP 429 (true) or with 400 and code 1003 (false, default).</summary>
    public bool ConcurrencyLimitAs429 { get; set; }

    /// <summary>The next N processing requests (composite, tile, minitile) answer "busy" as if the concurrency limit were hit.</summary>
    public int ForcedBusyResponses { get; set; }

    /// <summary>Retry-After seconds sent with a busy answer; none when null.</summary>
    public int? BusyRetryAfterSeconds { get; set; } = 2;

    /// <summary>The attribution notice sent in the <c>X-ClearSky-Attribution</c> header of file answers and in the GeoTIFF <c>ImageDescription</c> tag (270) of every produced file; none when null.</summary>
    public string? Attribution { get; set; } = "Contains modified Copernicus Sentinel data 2024 processed by ClearSKY Vision; Landsat courtesy of USGS";

    /// <summary>Send <see cref="Attribution"/> in the <c>X-ClearSky-Attribution</c> header (default true); the GeoTIFF tag is written either way.</summary>
    public bool SendAttributionHeader { get; set; } = true;

    /// <summary>Send <c>Content-Disposition</c> with file answers (default true).</summary>
    public bool SendContentDisposition { get; set; } = true;

    /// <summary>Serve <c>GET /api/tasking/models</c> (default true; false answers 404).</summary>
    public bool ServeModels { get; set; } = true;

    /// <summary>
    /// When set, accepted processing requests wait for this task before answering (they count as in flight meanwhile), so
    /// tests can hold requests open and drive the concurrency limit deterministically.
    /// </summary>
    public Task? ProcessingGate { get; set; }

    /// <summary>Raster width and height of emulated GeoTIFFs.</summary>
    public int RasterSize { get; set; } = 64;
}
