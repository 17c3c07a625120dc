using System.Text.Json.Serialization;

namespace SatDownload.Eos.Assets;

/// <summary>Source-generated serialisation of <see cref="EosExtractionRecord"/>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(EosExtractionRecord))]
internal sealed partial class EosExtractionJsonContext : JsonSerializerContext
{
}
