using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>One <c>output.responses[]</c> entry.</summary>
public sealed class ProcessResponseSpec
{
    /// <summary>The evalscript output id (<c>default</c> when unnamed) or <c>userdata</c>.</summary>
    [JsonPropertyName("identifier")]
    public string Identifier { get; set; } = "default";

    /// <summary>The output format.</summary>
    [JsonPropertyName("format")]
    public OutputFormat? Format { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
