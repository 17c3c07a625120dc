using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>The typed <c>properties</c> of an ICEYE product (STAC core, <c>sar:</c>, <c>sat:</c> and <c>iceye:</c> fields).</summary>
public sealed class IceyeProductProperties
{
    /// <summary>When the product was created.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the product last changed.</summary>
    [JsonPropertyName("updated")]
    public DateTimeOffset? Updated { get; init; }

    /// <summary>When the acquisition started.</summary>
    [JsonPropertyName("start_datetime")]
    public DateTimeOffset? StartDateTime { get; init; }

    /// <summary>When the acquisition ended.</summary>
    [JsonPropertyName("end_datetime")]
    public DateTimeOffset? EndDateTime { get; init; }

    /// <summary>The frame id, for example <c>4407788_1</c>.</summary>
    [JsonPropertyName("frame_id")]
    public string? FrameId { get; init; }

    /// <summary>The product type (<c>sar:product_type</c>), for example <c>GRD</c>.</summary>
    [JsonPropertyName("sar:product_type")]
    public IceyeProductType? ProductType { get; init; }

    /// <summary>The acquisition mode, for example <c>stripmap</c>.</summary>
    [JsonPropertyName("iceye:acquisition_mode")]
    public string? AcquisitionMode { get; init; }

    /// <summary>The processing mode, for example <c>SM</c>.</summary>
    [JsonPropertyName("iceye:processing_mode")]
    public string? ProcessingMode { get; init; }

    /// <summary>The azimuth resolution, metres.</summary>
    [JsonPropertyName("iceye:azimuth_resolution")]
    public double? AzimuthResolution { get; init; }

    /// <summary>The range resolution at scene centre, metres.</summary>
    [JsonPropertyName("iceye:range_resolution_center")]
    public double? RangeResolutionCenter { get; init; }

    /// <summary>The range resolution at near range, metres.</summary>
    [JsonPropertyName("iceye:range_resolution_near")]
    public double? RangeResolutionNear { get; init; }

    /// <summary>The range resolution at far range, metres.</summary>
    [JsonPropertyName("iceye:range_resolution_far")]
    public double? RangeResolutionFar { get; init; }

    /// <summary>The chirp bandwidth, hertz.</summary>
    [JsonPropertyName("iceye:chirp_bandwidth")]
    public double? ChirpBandwidth { get; init; }

    /// <summary>The data orientation, for example <c>native</c>.</summary>
    [JsonPropertyName("iceye:data_orientation")]
    public string? DataOrientation { get; init; }

    /// <summary>The incidence angle at scene centre, degrees.</summary>
    [JsonPropertyName("iceye:incidence_center")]
    public double? IncidenceCenter { get; init; }

    /// <summary>The incidence angle at near range, degrees.</summary>
    [JsonPropertyName("iceye:incidence_near")]
    public double? IncidenceNear { get; init; }

    /// <summary>The incidence angle at far range, degrees.</summary>
    [JsonPropertyName("iceye:incidence_far")]
    public double? IncidenceFar { get; init; }

    /// <summary>The satellite look angle, degrees.</summary>
    [JsonPropertyName("iceye:satellite_look_angle")]
    public double? SatelliteLookAngle { get; init; }

    /// <summary>The radar band, for example <c>X</c>.</summary>
    [JsonPropertyName("sar:frequency_band")]
    public string? FrequencyBand { get; init; }

    /// <summary>The number of azimuth looks.</summary>
    [JsonPropertyName("sar:looks_azimuth")]
    public int? LooksAzimuth { get; init; }

    /// <summary>The number of range looks.</summary>
    [JsonPropertyName("sar:looks_range")]
    public int? LooksRange { get; init; }

    /// <summary>The look side, <c>left</c> or <c>right</c>.</summary>
    [JsonPropertyName("sar:observation_direction")]
    public string? ObservationDirection { get; init; }

    /// <summary>The polarisations, for example <c>VV</c>.</summary>
    [JsonPropertyName("sar:polarizations")]
    public IReadOnlyList<string>? Polarizations { get; init; }

    /// <summary>The orbit state, <c>ascending</c> or <c>descending</c>.</summary>
    [JsonPropertyName("sat:orbit_state")]
    public string? OrbitState { get; init; }

    /// <summary>Every other property, verbatim.</summary>
    [JsonExtensionData]
#pragma warning disable CA2227 // System.Text.Json fills extension data through a setter; init would make it a constructor parameter.
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
#pragma warning restore CA2227
}
