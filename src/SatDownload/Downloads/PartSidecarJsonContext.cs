using System.Text.Json.Serialization;

namespace SatDownload.Downloads;

/// <summary>Source-generated JSON for <see cref="PartSidecar"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PartSidecar))]
internal sealed partial class PartSidecarJsonContext : JsonSerializerContext
{
}
