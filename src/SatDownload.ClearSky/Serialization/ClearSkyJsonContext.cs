using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky.Serialization;

/// <summary>Source-generated JSON metadata for ClearSKY's wire models (unset members are not sent; unknown fields are kept).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ClearSkyCompositeRequest))]
[JsonSerializable(typeof(ClearSkyTileRequest))]
[JsonSerializable(typeof(ClearSkyDateSearchRequest))]
[JsonSerializable(typeof(ClearSkyServiceResult<ClearSkyAvailability>))]
[JsonSerializable(typeof(ClearSkyServiceResult<ClearSkyEstimate>))]
[JsonSerializable(typeof(ClearSkyServiceResult<ClearSkyAccountInfo>))]
[JsonSerializable(typeof(ClearSkyServiceResult<ClearSkyTaskingModels>))]
[JsonSerializable(typeof(ClearSkyServiceResult<ClearSkyDateSearchResult>))]
[JsonSerializable(typeof(ClearSkyServiceResult<JsonElement>))]
internal sealed partial class ClearSkyJsonContext : JsonSerializerContext
{
}
