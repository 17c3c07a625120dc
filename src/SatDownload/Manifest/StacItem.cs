using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;
using SatDownload.GeoJson;

namespace SatDownload.Manifest;

/// <summary>A STAC 1.0.0 Item (a GeoJSON Feature).</summary>
internal sealed class StacItem
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "Feature";

    [JsonPropertyName("stac_version")]
    public string StacVersion { get; set; } = StacManifestWriter.StacVersion;

    [JsonPropertyName("stac_extensions")]
    public List<string> StacExtensions { get; set; } = [];

    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The footprint in WGS84, or null when unknown (then <see cref="Bbox"/> is omitted, as the spec requires).</summary>
    [JsonPropertyName("geometry")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    [JsonConverter(typeof(GeoJsonGeometryConverter))]
    public Geometry? Geometry { get; set; }

    [JsonPropertyName("bbox")]
    public double[]? Bbox { get; set; }

    [JsonPropertyName("properties")]
    public JsonObject Properties { get; set; } = [];

    [JsonPropertyName("links")]
    public List<StacLink> Links { get; set; } = [];

    [JsonPropertyName("assets")]
    public Dictionary<string, StacAsset> Assets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Fields written by other tools, kept on merge.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
