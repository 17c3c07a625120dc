using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>The corners of a thumbnail image as <c>[lon, lat]</c> pairs.</summary>
public sealed class IceyeThumbnailCoordinates
{
    /// <summary>The top-left corner <c>[lon, lat]</c>.</summary>
    [JsonPropertyName("top_left")]
    public IReadOnlyList<double>? TopLeft { get; init; }

    /// <summary>The top-right corner <c>[lon, lat]</c>.</summary>
    [JsonPropertyName("top_right")]
    public IReadOnlyList<double>? TopRight { get; init; }

    /// <summary>The bottom-left corner <c>[lon, lat]</c>.</summary>
    [JsonPropertyName("bottom_left")]
    public IReadOnlyList<double>? BottomLeft { get; init; }

    /// <summary>The bottom-right corner <c>[lon, lat]</c>.</summary>
    [JsonPropertyName("bottom_right")]
    public IReadOnlyList<double>? BottomRight { get; init; }
}
