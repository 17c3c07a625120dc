using System.Text.Json;
using System.Text.Json.Serialization;
using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Serialization;

/// <summary>
/// Source-generated serialization for every ICEYE wire model. Unknown members are tolerated (and kept in the models'
/// <c>AdditionalProperties</c>); null members are not written so that optional request fields stay absent.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(SatDownload.Http.FiniteDoubleJsonConverter)])]
[JsonSerializable(typeof(IceyeCreateTaskRequest))]
[JsonSerializable(typeof(IceyeCancelTaskRequest))]
[JsonSerializable(typeof(IceyeTaskInfo))]
[JsonSerializable(typeof(IceyePage<IceyeTaskInfo>))]
[JsonSerializable(typeof(IceyePage<IceyeProduct>))]
[JsonSerializable(typeof(IceyePage<IceyeContract>))]
[JsonSerializable(typeof(IceyeProblemDetails))]
internal sealed partial class IceyeJsonContext : JsonSerializerContext
{
}
