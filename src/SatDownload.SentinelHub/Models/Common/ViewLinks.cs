using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>The <c>links</c> object ("View") of Sentinel Hub list endpoints, paged with <c>viewtoken</c>.</summary>
public sealed class ViewLinks
{
    /// <summary>Token of this page.</summary>
    [JsonPropertyName("currentToken")]
    public string? CurrentToken { get; set; }

    /// <summary>Token to send as <c>viewtoken</c> for the next page; null on the last page.</summary>
    [JsonPropertyName("nextToken")]
    public string? NextToken { get; set; }

    /// <summary>Token of the previous page.</summary>
    [JsonPropertyName("previousToken")]
    public string? PreviousToken { get; set; }

    /// <summary>URL of this page.</summary>
    [JsonPropertyName("@id")]
    public string? Self { get; set; }

    /// <summary>URL of the next page.</summary>
    [JsonPropertyName("next")]
    public string? Next { get; set; }

    /// <summary>URL of the previous page.</summary>
    [JsonPropertyName("previous")]
    public string? Previous { get; set; }
}
