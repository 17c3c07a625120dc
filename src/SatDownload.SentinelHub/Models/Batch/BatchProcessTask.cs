using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A Batch v2 task (<c>BatchV2ProcessTask</c>).</summary>
public sealed class BatchProcessTask
{
    /// <summary>Task id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The submitted request.</summary>
    [JsonPropertyName("request")]
    public BatchProcessRequest? Request { get; set; }

    /// <summary>Deprecated alias of <see cref="ProjectId"/>.</summary>
    [JsonPropertyName("domainAccountId")]
    public string? DomainAccountId { get; set; }

    /// <summary>Project id.</summary>
    [JsonPropertyName("projectId")]
    public string? ProjectId { get; set; }

    /// <summary>Workspace id.</summary>
    [JsonPropertyName("workspaceId")]
    public string? WorkspaceId { get; set; }

    /// <summary><c>CREATED</c>, <c>ANALYSING</c>, <c>ANALYSIS_DONE</c>, <c>PROCESSING</c>, <c>DONE</c>, <c>FAILED</c>, <c>STOPPED</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Error description when failed.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary><c>NONE</c>, <c>ANALYSE</c>, <c>START</c>, <c>STOP</c>.</summary>
    [JsonPropertyName("userAction")]
    public string? UserAction { get; set; }

    /// <summary>When the user action changed.</summary>
    [JsonPropertyName("userActionUpdated")]
    public DateTimeOffset? UserActionUpdated { get; set; }

    /// <summary>Creation time.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; set; }

    /// <summary>Progress 0–100.</summary>
    [JsonPropertyName("completionPercentage")]
    public double? CompletionPercentage { get; set; }

    /// <summary>Last update.</summary>
    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; set; }

    /// <summary>PUs billed so far.</summary>
    [JsonPropertyName("costPU")]
    public double? CostPU { get; set; }

    /// <summary><c>OUT_OF_PU</c>, <c>USER_ACTION</c> or <c>UNHEALTHY</c> when stopped.</summary>
    [JsonPropertyName("stoppedStatusReason")]
    public string? StoppedStatusReason { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
