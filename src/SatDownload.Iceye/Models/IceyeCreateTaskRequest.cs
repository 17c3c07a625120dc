using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>
/// The body of <c>POST /api/tasking/v2/tasks</c>. <see cref="ContractId"/>, <see cref="PointOfInterest"/>,
/// <see cref="AcquisitionWindow"/> and <see cref="ImagingMode"/> are required; everything else is optional and, when
/// omitted, decided by the contract. <c>IceyeClient.CreateTaskAsync</c> validates it before sending.
/// </summary>
public sealed class IceyeCreateTaskRequest
{
    /// <summary>The contract to task under (wire name <c>contractID</c>, see <c>IceyeClient.GetContractsAsync</c>).</summary>
    [JsonPropertyName("contractID")]
    public string? ContractId { get; set; }

    /// <summary>The point to image, WGS84.</summary>
    [JsonPropertyName("pointOfInterest")]
    public IceyePointOfInterest? PointOfInterest { get; set; }

    /// <summary>When to acquire: at least 24 hours long, ending at most 14 days ahead.</summary>
    [JsonPropertyName("acquisitionWindow")]
    public IceyeAcquisitionWindow? AcquisitionWindow { get; set; }

    /// <summary>The imaging mode, for example <see cref="IceyeImagingMode.Spotlight"/>.</summary>
    [JsonPropertyName("imagingMode")]
    public IceyeImagingMode? ImagingMode { get; set; }

    /// <summary>A free-text reference of your own, returned on the task.</summary>
    [JsonPropertyName("reference")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reference { get; set; }

    /// <summary>The accepted incidence angles; the mode's performant range when null.</summary>
    [JsonPropertyName("incidenceAngle")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IceyeIncidenceAngleRange? IncidenceAngle { get; set; }

    /// <summary>The look side; any when null.</summary>
    [JsonPropertyName("lookSide")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IceyeLookSide? LookSide { get; set; }

    /// <summary>The pass direction; any when null.</summary>
    [JsonPropertyName("passDirection")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IceyePassDirection? PassDirection { get; set; }

    /// <summary>The imaging duration in seconds, for modes that take one (unconfirmed unit: ICEYE documents the field, not its unit).</summary>
    [JsonPropertyName("imagingDuration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ImagingDuration { get; set; }

    /// <summary>The priority; the contract's default when null. It also sets the minimum lead time before <see cref="IceyeAcquisitionWindow.Start"/>.</summary>
    [JsonPropertyName("priority")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IceyePriority? Priority { get; set; }

    /// <summary>The service level, for example <c>SLA_12H</c>; the contract's default when null.</summary>
    [JsonPropertyName("sla")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Sla { get; set; }

    /// <summary>Extra (non-SLA) product types to produce, for example <see cref="IceyeProductType.Sicd"/>; they arrive when the task is DONE.</summary>
    [JsonPropertyName("productTypes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
#pragma warning disable CA2227 // A settable list keeps object-initializer syntax for a request body.
    public IList<IceyeProductType>? ProductTypes { get; set; }

    /// <summary>Fields the SDK does not model yet, sent verbatim (for contract-specific options).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
#pragma warning restore CA2227
}
