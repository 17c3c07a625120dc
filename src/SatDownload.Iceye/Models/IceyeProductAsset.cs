using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>One file of a product: a pre-signed URL (valid one hour), a title and a media type.</summary>
public sealed class IceyeProductAsset
{
    /// <summary>The pre-signed download URL. Expires after one hour; never store it, and never log it (it is a credential).</summary>
    [JsonPropertyName("href")]
    public Uri? Href { get; init; }

    /// <summary>A human-readable title, for example <c>GRD data file</c>.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The media type, for example <c>image/tiff; application=geotiff</c>.</summary>
    [JsonPropertyName("type")]
    public string? MediaType { get; init; }

    /// <summary>STAC roles when ICEYE sends them (for example <c>thumbnail</c>, <c>metadata</c>).</summary>
    [JsonPropertyName("roles")]
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>The corner coordinates of a thumbnail image, when given.</summary>
    [JsonPropertyName("coordinates")]
    public IceyeThumbnailCoordinates? Coordinates { get; init; }

    /// <summary>Fields the SDK does not model.</summary>
    [JsonExtensionData]
#pragma warning disable CA2227 // System.Text.Json fills extension data through a setter; init would make it a constructor parameter.
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
#pragma warning restore CA2227

    /// <inheritdoc />
    public override string ToString() => $"{Title} ({MediaType}) {Redactor.RedactUri(Href)}";
}
