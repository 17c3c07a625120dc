using System.Text.Json.Serialization;

namespace SatDownload.Manifest;

/// <summary>Source-generated serialisation of the STAC manifest (indented, nulls omitted except where STAC requires them).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(StacCatalog))]
[JsonSerializable(typeof(StacItem))]
internal sealed partial class StacJsonContext : JsonSerializerContext
{
}
