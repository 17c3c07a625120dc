using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Response of the Async Process API: <c>{id, status: "RUNNING"}</c>.</summary>
public sealed class AsyncProcessStatus
{
    /// <summary>The request id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Always <c>RUNNING</c>: the service answers 404 once the request ended (success or failure).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }
}
