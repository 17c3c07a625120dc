using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>The members an EOS error body may carry; EOS documents no error shape, so every common name is read.</summary>
internal sealed class EosErrorBody
{
    [JsonPropertyName("message")]
    public JsonElement? Message { get; init; }

    [JsonPropertyName("error")]
    public JsonElement? Error { get; init; }

    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("detail")]
    public JsonElement? Detail { get; init; }

    [JsonPropertyName("errors")]
    public JsonElement? Errors { get; init; }

    [JsonPropertyName("code")]
    public JsonElement? Code { get; init; }

    [JsonPropertyName("status")]
    public JsonElement? Status { get; init; }

    [JsonPropertyName("req_id")]
    public string? RequestId { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
