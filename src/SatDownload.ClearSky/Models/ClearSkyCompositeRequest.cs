using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>
/// A composite request (<c>POST /api/satelliteimages/process/composite</c>, and the same payload for
/// <c>/available</c> and <c>/estimate</c>). PascalCase on the wire, as ClearSKY's own client sends it; unset members are
/// left out so the server applies its defaults.
/// </summary>
/// <remarks>
/// Give the geometry in exactly one way: <see cref="Aoi"/> (sent as <see cref="Wkt"/> or <see cref="GeoJson"/> per
/// <see cref="ClearSkyClientOptions.GeometryEncoding"/>), <see cref="Wkt"/> or <see cref="GeoJson"/>; all in EPSG:4326.
/// </remarks>
public sealed record ClearSkyCompositeRequest
{
    /// <summary>The area of interest; the client turns it into <see cref="Wkt"/> or <see cref="GeoJson"/>. Not sent as such.</summary>
    [JsonIgnore]
    public Aoi? Aoi { get; init; }

    /// <summary>The AOI as WKT in EPSG:4326 (exclusive with <see cref="GeoJson"/>).</summary>
    [JsonPropertyName("Wkt")]
    public string? Wkt { get; init; }

    /// <summary>The AOI as a GeoJSON geometry object in EPSG:4326 (exclusive with <see cref="Wkt"/>).</summary>
    [JsonPropertyName("GeoJson")]
    public JsonElement? GeoJson { get; init; }

    /// <summary>The composite date (UTC); sent as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    [JsonPropertyName("Date")]
    [JsonConverter(typeof(ClearSkyDateJsonConverter))]
    public DateTimeOffset Date { get; init; }

    /// <summary>Pixel size in metres: 10, 20, 40, 80, 160, 320, 640 or 1280.</summary>
    [JsonPropertyName("Resolution")]
    public int? Resolution { get; init; }

    /// <summary>
    /// Output EPSG code (4326, 3857, a UTM 326xx/327xx code …) or <see cref="ClearSkyEpsg.AutomaticUtm"/> (47000). When null the
    /// client sends the AOI's UTM zone.
    /// </summary>
    [JsonPropertyName("EpsgProjection")]
    public int? EpsgProjection { get; init; }

    /// <summary>The model, for example <c>Stratus2</c> (see <see cref="ClearSkyModels"/> and <c>GET /api/tasking/models</c>).</summary>
    [JsonPropertyName("Model")]
    public string? Model { get; init; }

    /// <summary>The constellations to use, for example <c>Sentinel1</c>, <c>Sentinel2</c>, <c>Landsat89</c>; must fit the model.</summary>
    [JsonPropertyName("SatelliteConstellations")]
    public IReadOnlyList<string>? SatelliteConstellations { get; init; }

    /// <summary><c>all</c>, <c>rgb</c>, or a comma list with index terms, for example <c>B2, B3, B4, [B8_B4]</c>.</summary>
    [JsonPropertyName("Bandnames")]
    public string? Bandnames { get; init; }

    /// <summary>The file type; <c>tif</c>.</summary>
    [JsonPropertyName("FileType")]
    public string? FileType { get; init; }

    /// <summary><c>intersect</c> (default) or <c>contained</c>.</summary>
    [JsonPropertyName("PixelSelectionMode")]
    public string? PixelSelectionMode { get; init; }

    /// <summary><c>INT16</c> (no-data −32768) or <c>UINT8</c> (no-data 0).</summary>
    [JsonPropertyName("DataType")]
    public string? DataType { get; init; }

    /// <summary><c>single_utm_fully_covered</c>, <c>single_utm</c> or <c>combined_utm</c>.</summary>
    [JsonPropertyName("UtmDataSelectionMode")]
    public string? UtmDataSelectionMode { get; init; }

    /// <summary>Keep exact metre pixels when reprojecting (true), or allow a small pixel-size drift (false).</summary>
    [JsonPropertyName("UtmGridForcePixelResolutionSize")]
    public bool? UtmGridForcePixelResolutionSize { get; init; }

    /// <summary>Accept an image that covers only part of the AOI (default false).</summary>
    [JsonPropertyName("AllowPartialImage")]
    public bool? AllowPartialImage { get; init; }

    /// <summary>Queue an order instead of failing when the AOI/date is not ordered yet.</summary>
    [JsonPropertyName("AutomaticOrderCreation")]
    public bool? AutomaticOrderCreation { get; init; }

    /// <summary>The legacy pixel-selection switch (ClearSKY's client sends false).</summary>
    [JsonPropertyName("OldPixelSelectionMode")]
    public bool? OldPixelSelectionMode { get; init; }

    /// <summary>
    /// When set, ClearSKY uploads the file with HTTP PUT to this URL and answers 201 with no body. Use
    /// <see cref="ClearSkyClient.UploadCompositeAsync"/> for that mode. Never logged (it is usually a signed URL).
    /// </summary>
    [JsonPropertyName("UploadUrl")]
    public string? UploadUrl { get; init; }

    /// <summary>Fields this SDK does not model yet; sent as given.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"ClearSkyCompositeRequest {{ Date = {Date:yyyy-MM-dd}, Model = {Model}, Resolution = {Resolution}, EpsgProjection = {EpsgProjection}, Geometry = {(Aoi is not null ? "Aoi" : Wkt is not null ? "Wkt" : GeoJson is not null ? "GeoJson" : "none")}{(UploadUrl is null ? string.Empty : ", UploadUrl = ***")} }}";
}
