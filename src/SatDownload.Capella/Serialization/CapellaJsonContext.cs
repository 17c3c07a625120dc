using System.Text.Json;
using System.Text.Json.Serialization;
using SatDownload.Capella.Models;

namespace SatDownload.Capella.Serialization;

/// <summary>Source-generated System.Text.Json metadata for every Capella wire model. Unknown fields are tolerated.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(CapellaAnalyticsProduct))]
[JsonSerializable(typeof(List<CapellaAnalyticsProduct>))]
[JsonSerializable(typeof(CapellaProductList))]
[JsonSerializable(typeof(CapellaUser))]
[JsonSerializable(typeof(CapellaAoi))]
[JsonSerializable(typeof(List<CapellaAoi>))]
[JsonSerializable(typeof(CapellaAoiFeatureRequest))]
[JsonSerializable(typeof(CapellaStacItem))]
[JsonSerializable(typeof(List<CapellaStacItem>))]
[JsonSerializable(typeof(CapellaOrder))]
[JsonSerializable(typeof(List<CapellaOrder>))]
[JsonSerializable(typeof(CapellaOrderRequest))]
[JsonSerializable(typeof(CapellaOrderReview))]
[JsonSerializable(typeof(CapellaCatalogSearchRequest))]
[JsonSerializable(typeof(CapellaItemCollection))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CapellaJsonContext : JsonSerializerContext
{
}
