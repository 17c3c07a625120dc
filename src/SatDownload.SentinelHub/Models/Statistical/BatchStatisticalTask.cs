using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A Batch Statistical task (<c>BatchStatisticsTaskDto</c>); the status endpoint returns a subset.</summary>
public sealed class BatchStatisticalTask
{
    /// <summary>Task id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary><c>CREATED</c>, <c>ANALYSING</c>, <c>ANALYSIS_DONE</c>, <c>PROCESSING</c>, <c>DONE</c>, <c>FAILED</c>, <c>STOPPED</c>, <c>PARTIAL</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Error description.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>Progress 0–100.</summary>
    [JsonPropertyName("completionPercentage")]
    public double? CompletionPercentage { get; set; }

    /// <summary>Last update.</summary>
    [JsonPropertyName("lastUpdated")]
    public DateTimeOffset? LastUpdated { get; set; }

    /// <summary>Cost in PU (note the casing: <c>costPu</c>, unlike Batch v2's <c>costPU</c>).</summary>
    [JsonPropertyName("costPu")]
    public double? CostPu { get; set; }

    /// <summary>Creation time.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; set; }

    /// <summary><c>OUT_OF_PU</c>, <c>USER_ACTION</c> (or <c>UNHEALTHY</c>).</summary>
    [JsonPropertyName("stoppedStatusReason")]
    public string? StoppedStatusReason { get; set; }

    /// <summary>The submitted request.</summary>
    [JsonPropertyName("request")]
    public BatchStatisticalRequest? Request { get; set; }

    /// <summary>User id.</summary>
    [JsonPropertyName("userId")]
    public string? UserId { get; set; }

    /// <summary><c>NONE</c>, <c>ANALYSE</c>, <c>START</c>, <c>STOP</c>.</summary>
    [JsonPropertyName("userAction")]
    public string? UserAction { get; set; }

    /// <summary>When the user action changed.</summary>
    [JsonPropertyName("userActionUpdated")]
    public DateTimeOffset? UserActionUpdated { get; set; }

    /// <summary>Deprecated account id.</summary>
    [JsonPropertyName("domainAccountId")]
    public string? DomainAccountId { get; set; }

    /// <summary>Fields this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
