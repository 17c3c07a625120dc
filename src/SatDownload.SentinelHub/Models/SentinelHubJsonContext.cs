using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Source-generated JSON metadata for every Sentinel Hub wire model.</summary>
/// <remarks>Unknown fields are ignored or kept in extension data; numbers may arrive as strings or <c>"NaN"</c>.</remarks>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(UtcDateTimeOffsetConverter)])]
[JsonSerializable(typeof(ProcessRequest))]
[JsonSerializable(typeof(AsyncProcessStatus))]
[JsonSerializable(typeof(CatalogSearchRequest))]
[JsonSerializable(typeof(CatalogFeatureCollection))]
[JsonSerializable(typeof(CatalogDistinctPage))]
[JsonSerializable(typeof(CatalogItem))]
[JsonSerializable(typeof(CatalogCollection))]
[JsonSerializable(typeof(CatalogCollectionList))]
[JsonSerializable(typeof(BatchProcessRequest))]
[JsonSerializable(typeof(BatchProcessTask))]
[JsonSerializable(typeof(ViewPage<BatchProcessTask>))]
[JsonSerializable(typeof(TilingGrid))]
[JsonSerializable(typeof(ViewPage<TilingGrid>))]
[JsonSerializable(typeof(BatchDescriptionUpdate))]
[JsonSerializable(typeof(StatisticalRequest))]
[JsonSerializable(typeof(StatisticalResponse))]
[JsonSerializable(typeof(BatchStatisticalRequest))]
[JsonSerializable(typeof(BatchStatisticalTask))]
[JsonSerializable(typeof(ViewPage<BatchStatisticalTask>))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class SentinelHubJsonContext : JsonSerializerContext;
