using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>An ICEYE tasking task as the API returns it (create, get, list and cancel responses).</summary>
public sealed class IceyeTaskInfo
{
    /// <summary>The task id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The contract the task runs under (wire name <c>contractID</c>).</summary>
    [JsonPropertyName("contractID")]
    public string? ContractId { get; init; }

    /// <summary>The raw status.</summary>
    [JsonPropertyName("status")]
    public IceyeTaskStatus Status { get; init; }

    /// <summary>The imaging mode.</summary>
    [JsonPropertyName("imagingMode")]
    public IceyeImagingMode? ImagingMode { get; init; }

    /// <summary>The point of interest.</summary>
    [JsonPropertyName("pointOfInterest")]
    public IceyePointOfInterest? PointOfInterest { get; init; }

    /// <summary>The acquisition window.</summary>
    [JsonPropertyName("acquisitionWindow")]
    public IceyeAcquisitionWindow? AcquisitionWindow { get; init; }

    /// <summary>When the task was created.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the task last changed.</summary>
    [JsonPropertyName("updatedAt")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Your reference, when one was given.</summary>
    [JsonPropertyName("reference")]
    public string? Reference { get; init; }

    /// <summary>The accepted incidence angles.</summary>
    [JsonPropertyName("incidenceAngle")]
    public IceyeIncidenceAngleRange? IncidenceAngle { get; init; }

    /// <summary>The look side.</summary>
    [JsonPropertyName("lookSide")]
    public IceyeLookSide? LookSide { get; init; }

    /// <summary>The pass direction.</summary>
    [JsonPropertyName("passDirection")]
    public IceyePassDirection? PassDirection { get; init; }

    /// <summary>The imaging duration (seconds, unconfirmed).</summary>
    [JsonPropertyName("imagingDuration")]
    public int? ImagingDuration { get; init; }

    /// <summary>The priority.</summary>
    [JsonPropertyName("priority")]
    public IceyePriority? Priority { get; init; }

    /// <summary>The service level.</summary>
    [JsonPropertyName("sla")]
    public string? Sla { get; init; }

    /// <summary>The product types requested on top of the contract's SLA products.</summary>
    [JsonPropertyName("productTypes")]
    public IReadOnlyList<IceyeProductType>? ProductTypes { get; init; }

    /// <summary>The end-user licence, omitted by ICEYE when not set; kept as raw JSON because its shape is contract-specific.</summary>
    [JsonPropertyName("eula")]
    public JsonElement? Eula { get; init; }

    /// <summary>Fields the SDK does not model (ICEYE adds fields over time).</summary>
    [JsonExtensionData]
#pragma warning disable CA2227 // System.Text.Json fills extension data through a setter; init would make it a constructor parameter.
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
#pragma warning restore CA2227

    /// <inheritdoc />
    public override string ToString() => $"ICEYE task '{Id}' {Status} ({ImagingMode})";
}
