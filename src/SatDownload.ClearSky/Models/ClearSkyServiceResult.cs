using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.ClearSky;

/// <summary>
/// ClearSKY's JSON envelope ("ServiceResult") around every answer: <c>{Succeeded, Error{Message, Code}, Data}</c>.
/// The client unwraps it once; callers see <see cref="Data"/> or a <see cref="ProviderRequestException"/>.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed class ClearSkyServiceResult<T>
{
    /// <summary>Whether the call succeeded.</summary>
    [JsonPropertyName("Succeeded")]
    public bool Succeeded { get; init; }

    /// <summary>The error, when the call failed.</summary>
    [JsonPropertyName("Error")]
    public ClearSkyServiceError? Error { get; init; }

    /// <summary>The payload on success (on failure the raw validation map is kept by the error decoder).</summary>
    [JsonPropertyName("Data")]
    public T? Data { get; init; }

    /// <summary>Fields this SDK does not model yet (kept, never lost).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
