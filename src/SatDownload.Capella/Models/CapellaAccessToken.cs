using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>The answer of the deprecated <c>POST /token</c> call.</summary>
internal sealed class CapellaAccessToken
{
    [JsonPropertyName("accessToken")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expiresIn")]
    public double? ExpiresIn { get; init; }

    [JsonPropertyName("tokenType")]
    public string? TokenType { get; init; }

    [JsonPropertyName("refreshToken")]
    public string? RefreshToken { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    public override string ToString() => "CapellaAccessToken(***)";
}
