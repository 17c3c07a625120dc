using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>The body of <c>PATCH /api/tasking/v2/tasks/{id}</c>: <c>{"status":"CANCELED"}</c>.</summary>
internal sealed class IceyeCancelTaskRequest
{
    [JsonPropertyName("status")]
    public string Status { get; init; } = "CANCELED";
}
