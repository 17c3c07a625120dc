using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>The answer to <c>POST /api/gdw/api</c>: the new task's id and first status.</summary>
public sealed class EosTaskCreated
{
    /// <summary>The first status, for example <c>created</c> (newer docs) or <c>authentication</c> (older docs).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The task id to poll with <c>GET /api/gdw/api/{task_id}</c>.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; init; }

    /// <summary>The request id, to quote to EOS support.</summary>
    [JsonPropertyName("req_id")]
    public string? RequestId { get; init; }

    /// <summary>How long EOS keeps working on the task, in seconds (345600 = four days in the documented example).</summary>
    [JsonPropertyName("task_timeout")]
    public long? TaskTimeoutSeconds { get; init; }

    /// <summary>Fields EOS sends that this version does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
