using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>Body of <c>PUT /api/v2/batch/process/{id}</c>: only the description can change.</summary>
public sealed class BatchDescriptionUpdate
{
    /// <summary>The new description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }
}
