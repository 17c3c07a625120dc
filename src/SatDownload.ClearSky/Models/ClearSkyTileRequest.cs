using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>
/// A tile or minitile request (<c>POST /api/satelliteimages/process/tile</c> or <c>/minitile</c>), addressed by GUID
/// (found with <c>POST /api/tasking/search/tiles</c>). Set exactly one of <see cref="TileGuid"/> and <see cref="MiniTileGuid"/>.
/// </summary>
public sealed record ClearSkyTileRequest
{
    /// <summary>The tile GUID (for <c>/tile</c>).</summary>
    [JsonPropertyName("TileGuid")]
    public Guid? TileGuid { get; init; }

    /// <summary>The minitile GUID (for <c>/minitile</c>).</summary>
    [JsonPropertyName("MiniTileGuid")]
    public Guid? MiniTileGuid { get; init; }

    /// <summary>The date (UTC).</summary>
    [JsonPropertyName("Date")]
    [JsonConverter(typeof(ClearSkyDateJsonConverter))]
    public DateTimeOffset Date { get; init; }

    /// <summary>The constellations to use.</summary>
    [JsonPropertyName("SatelliteConstellations")]
    public IReadOnlyList<string>? SatelliteConstellations { get; init; }

    /// <summary>The model.</summary>
    [JsonPropertyName("Model")]
    public string? Model { get; init; }

    /// <summary>Processing level, 1 or 2 (server default 2).</summary>
    [JsonPropertyName("Level")]
    public int? Level { get; init; }

    /// <summary>Harmonize reflectances across constellations.</summary>
    [JsonPropertyName("Harmonize")]
    public bool? Harmonize { get; init; }

    /// <summary>Clip reflectances to the valid range.</summary>
    [JsonPropertyName("ClipReflectance")]
    public bool? ClipReflectance { get; init; }

    /// <summary>Pixel size in metres (optional for tiles).</summary>
    [JsonPropertyName("Resolution")]
    public int? Resolution { get; init; }

    /// <summary>Output EPSG code or 47000 (optional for tiles).</summary>
    [JsonPropertyName("EpsgProjection")]
    public int? EpsgProjection { get; init; }

    /// <summary>Band selection (optional for tiles).</summary>
    [JsonPropertyName("Bandnames")]
    public string? Bandnames { get; init; }

    /// <summary><c>INT16</c> or <c>UINT8</c> (optional for tiles).</summary>
    [JsonPropertyName("DataType")]
    public string? DataType { get; init; }

    /// <summary>UTM data selection mode (optional for tiles).</summary>
    [JsonPropertyName("UtmDataSelectionMode")]
    public string? UtmDataSelectionMode { get; init; }

    /// <summary>Keep exact metre pixels when reprojecting (optional for tiles).</summary>
    [JsonPropertyName("UtmGridForcePixelResolutionSize")]
    public bool? UtmGridForcePixelResolutionSize { get; init; }

    /// <summary>Accept partial coverage (optional for tiles).</summary>
    [JsonPropertyName("AllowPartialImage")]
    public bool? AllowPartialImage { get; init; }

    /// <summary>When set, ClearSKY PUTs the file here and answers 201 with no body. Never logged.</summary>
    [JsonPropertyName("UploadUrl")]
    public string? UploadUrl { get; init; }

    /// <summary>Fields this SDK does not model yet; sent as given.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"ClearSkyTileRequest {{ {(TileGuid is { } t ? "TileGuid = " + t : "MiniTileGuid = " + MiniTileGuid)}, Date = {Date:yyyy-MM-dd}, Model = {Model}{(UploadUrl is null ? string.Empty : ", UploadUrl = ***")} }}";
}
