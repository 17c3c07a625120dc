using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>
/// A GeoJSON geometry as EOS exchanges it (a <c>Polygon</c> in the load-by-extent <c>params.geometry</c> and the search
/// <c>search.shape</c>): <c>type</c> plus polygon rings of <c>[lon, lat]</c> positions.
/// </summary>
public sealed class EosGeometry
{
    /// <summary>The GeoJSON type; EOS accepts only <c>Polygon</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "Polygon";

    /// <summary>The rings: the exterior first, then holes; each position is <c>[lon, lat]</c>.</summary>
    [JsonPropertyName("coordinates")]
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> Coordinates { get; init; } = Array.Empty<IReadOnlyList<IReadOnlyList<double>>>();
}
