using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>Source-generated System.Text.Json metadata for every EOS wire model. Unknown members are tolerated.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(EosGdwTaskBody))]
[JsonSerializable(typeof(EosTaskCreated))]
[JsonSerializable(typeof(EosTaskStatusResponse))]
[JsonSerializable(typeof(EosSearchBody))]
[JsonSerializable(typeof(EosSearchResponse))]
internal sealed partial class EosJsonContext : JsonSerializerContext
{
}
