using System.Globalization;
using System.Text.RegularExpressions;

namespace SatDownload.ClearSky.Validation;

/// <summary>
/// Client-side checks of ClearSKY requests, run before anything is sent: each failure is an <see cref="ArgumentException"/>
/// whose parameter name is the field (<c>request.Resolution</c>) and whose message says the fix.
/// </summary>
internal static partial class ClearSkyRequestValidator
{
    /// <summary>The pixel sizes ClearSKY accepts, in metres.</summary>
    public static readonly IReadOnlyList<int> Resolutions = [10, 20, 40, 80, 160, 320, 640, 1280];

    /// <summary>The data types ClearSKY accepts.</summary>
    public static readonly IReadOnlyList<string> DataTypes = ["INT16", "UINT8"];

    /// <summary>The pixel selection modes ClearSKY accepts.</summary>
    public static readonly IReadOnlyList<string> PixelSelectionModes = ["intersect", "contained"];

    /// <summary>The UTM data selection modes ClearSKY accepts.</summary>
    public static readonly IReadOnlyList<string> UtmDataSelectionModes = ["single_utm_fully_covered", "single_utm", "combined_utm"];

    public static void ValidateComposite(ClearSkyCompositeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var geometries = (request.Aoi is null ? 0 : 1) + (request.Wkt is null ? 0 : 1) + (request.GeoJson is null ? 0 : 1);
        if (geometries != 1)
        {
            throw new ArgumentException(
                geometries == 0
                    ? "The composite request has no geometry. Set exactly one of Aoi, Wkt or GeoJson (EPSG:4326)."
                    : "The composite request has more than one geometry; ClearSKY accepts Wkt or GeoJson, not both. Set exactly one of Aoi, Wkt or GeoJson.",
                request.Wkt is not null ? "request.Wkt" : "request.Aoi");
        }

        if (request.Wkt is not null && string.IsNullOrWhiteSpace(request.Wkt))
        {
            throw new ArgumentException("Wkt is empty. Give a POLYGON or MULTIPOLYGON in EPSG:4326, or use Aoi.", "request.Wkt");
        }

        if (request.GeoJson is { } g && g.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw new ArgumentException("GeoJson must be a GeoJSON geometry object ({\"type\":\"Polygon\",\"coordinates\":…}).", "request.GeoJson");
        }

        ValidateDate(request.Date, "request.Date");
        if (request.Resolution is not { } resolution)
        {
            throw new ArgumentException("Resolution is required: the pixel size in metres, one of " + List(Resolutions) + ".", "request.Resolution");
        }

        ValidateResolution(resolution, "request.Resolution");
        ValidateEpsg(request.EpsgProjection, "request.EpsgProjection");
        ValidateModel(request.Model, "request.Model");
        ValidateConstellations(request.SatelliteConstellations, "request.SatelliteConstellations");
        ValidateBandnames(request.Bandnames, "request.Bandnames");
        if (request.FileType is not null && !string.Equals(request.FileType, "tif", StringComparison.Ordinal))
        {
            throw new ArgumentException($"FileType '{request.FileType}' is not supported; ClearSKY delivers \"tif\" (or leave FileType unset).", "request.FileType");
        }

        OneOf(request.PixelSelectionMode, PixelSelectionModes, "request.PixelSelectionMode", StringComparison.Ordinal);
        OneOf(request.DataType, DataTypes, "request.DataType", StringComparison.Ordinal);
        OneOf(request.UtmDataSelectionMode, UtmDataSelectionModes, "request.UtmDataSelectionMode", StringComparison.Ordinal);
        ValidateUploadUrl(request.UploadUrl, "request.UploadUrl");
    }

    public static void ValidateTile(ClearSkyTileRequest request, bool mini)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = mini ? "MiniTileGuid" : "TileGuid";
        var own = mini ? request.MiniTileGuid : request.TileGuid;
        var other = mini ? request.TileGuid : request.MiniTileGuid;
        if (own is null || own == Guid.Empty)
        {
            throw new ArgumentException($"{name} is required for a {(mini ? "minitile" : "tile")} download (find it with POST /api/tasking/search/tiles).", "request." + name);
        }

        if (other is not null)
        {
            throw new ArgumentException($"Set only {name} for a {(mini ? "minitile" : "tile")} download; remove {(mini ? "TileGuid" : "MiniTileGuid")}.", "request." + (mini ? "TileGuid" : "MiniTileGuid"));
        }

        ValidateDate(request.Date, "request.Date");
        ValidateModel(request.Model, "request.Model");
        ValidateConstellations(request.SatelliteConstellations, "request.SatelliteConstellations");
        if (request.Level is { } level && level is not (1 or 2))
        {
            throw new ArgumentException($"Level {level} is not valid; use 1 or 2 (default 2).", "request.Level");
        }

        if (request.Resolution is { } resolution)
        {
            ValidateResolution(resolution, "request.Resolution");
        }

        ValidateEpsg(request.EpsgProjection, "request.EpsgProjection");
        ValidateBandnames(request.Bandnames, "request.Bandnames");
        OneOf(request.DataType, DataTypes, "request.DataType", StringComparison.Ordinal);
        OneOf(request.UtmDataSelectionMode, UtmDataSelectionModes, "request.UtmDataSelectionMode", StringComparison.Ordinal);
        ValidateUploadUrl(request.UploadUrl, "request.UploadUrl");
    }

    public static void ValidateDateSearch(ClearSkyDateSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var geometries = (request.Aoi is null ? 0 : 1) + (request.Wkt is null ? 0 : 1) + (request.GeoJson is null ? 0 : 1);
        if (geometries != 1)
        {
            throw new ArgumentException("Set exactly one of Aoi, Wkt or GeoJson (EPSG:4326).", "request.Aoi");
        }

        ValidateDate(request.From, "request.From");
        ValidateDate(request.Until, "request.Until");
        if (request.Until < request.From)
        {
            throw new ArgumentException($"Until ({request.Until:yyyy-MM-dd}) is before From ({request.From:yyyy-MM-dd}); swap them.", "request.Until");
        }
    }

    /// <summary>How many bands a <c>Bandnames</c> value asks for; null for <c>all</c> (the server decides).</summary>
    public static int? CountBands(string? bandnames)
    {
        if (string.IsNullOrWhiteSpace(bandnames) || string.Equals(bandnames.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return string.Equals(bandnames.Trim(), "rgb", StringComparison.OrdinalIgnoreCase)
            ? 3
            : bandnames.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
    }

    private static void ValidateDate(DateTimeOffset date, string field)
    {
        if (date == default)
        {
            throw new ArgumentException("The date is required (UTC, for example 2024-05-03T00:00:00Z).", field);
        }

        if (date.Year < 2015)
        {
            throw new ArgumentException($"The date {date:yyyy-MM-dd} is before ClearSKY's archive (Sentinel-2 starts in 2015); pick a later date.", field);
        }
    }

    private static void ValidateResolution(int resolution, string field)
    {
        if (!Resolutions.Contains(resolution))
        {
            throw new ArgumentException($"Resolution {resolution} is not supported; use one of {List(Resolutions)} (metres).", field);
        }
    }

    private static void ValidateEpsg(int? epsg, string field)
    {
        if (epsg is { } e && e != ClearSkyEpsg.AutomaticUtm && e is < 1024 or > 32767)
        {
            throw new ArgumentException(
                $"EpsgProjection {e} is not an EPSG code; use a code such as 4326, 3857 or a UTM zone (326xx/327xx), 47000 for ClearSKY's automatic UTM zone, or leave it unset for the AOI's UTM zone.",
                field);
        }
    }

    private static void ValidateModel(string? model, string field)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("Model is required, for example \"Stratus2\" (GetModelsAsync lists the models of the account).", field);
        }
    }

    private static void ValidateConstellations(IReadOnlyList<string>? constellations, string field)
    {
        if (constellations is null || constellations.Count == 0)
        {
            throw new ArgumentException("SatelliteConstellations is required, for example [\"Sentinel1\", \"Sentinel2\", \"Landsat89\"].", field);
        }

        if (constellations.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("SatelliteConstellations contains an empty name; remove it.", field);
        }

        var duplicate = constellations.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"SatelliteConstellations lists '{duplicate.Key}' more than once; list each constellation once.", field);
        }
    }

    private static void ValidateBandnames(string? bandnames, string field)
    {
        if (bandnames is null)
        {
            return;
        }

        var trimmed = bandnames.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("Bandnames is empty; use \"all\", \"rgb\" or a comma list such as \"B2, B3, B4, [B8_B4]\" (or leave it unset).", field);
        }

        if (string.Equals(trimmed, "all", StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, "rgb", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (var band in trimmed.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!BandPattern().IsMatch(band))
            {
                throw new ArgumentException(
                    $"Bandnames item '{band}' is not a band name or index term; use names such as B2 or indices such as [B8_B4], separated by commas.", field);
            }
        }
    }

    private static void ValidateUploadUrl(string? uploadUrl, string field)
    {
        if (uploadUrl is null)
        {
            return;
        }

        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("UploadUrl must be an absolute http(s) URL that accepts an HTTP PUT (for example a pre-signed object-storage URL).", field);
        }
    }

    private static void OneOf(string? value, IReadOnlyList<string> allowed, string field, StringComparison comparison)
    {
        if (value is not null && !allowed.Any(a => string.Equals(a, value, comparison)))
        {
            throw new ArgumentException($"{field["request.".Length..]} '{value}' is not valid; use one of {string.Join(", ", allowed.Select(a => "\"" + a + "\""))} (or leave it unset).", field);
        }
    }

    private static string List(IEnumerable<int> values) => string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"^(\[[A-Za-z0-9]+(_[A-Za-z0-9]+)*\]|[A-Za-z0-9_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BandPattern();
}
