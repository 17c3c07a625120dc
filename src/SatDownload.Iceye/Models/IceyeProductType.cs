using System.ComponentModel;
using System.Text.Json.Serialization;
using SatDownload.Iceye.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>An ICEYE SAR product type, used to ask for non-SLA products when creating a task and to filter product listings.</summary>
/// <remarks>
/// An extensible enumeration (Azure SDK style): ICEYE adds values over time, so an unknown value read from the wire is
/// kept verbatim instead of failing deserialization. Comparison is ordinal and ignores case.
/// </remarks>
[JsonConverter(typeof(IceyeProductTypeJsonConverter))]
public readonly struct IceyeProductType : IEquatable<IceyeProductType>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire text.</summary>
    /// <param name="value">The wire text, for example <c>GRD</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public IceyeProductType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim();
    }

    /// <summary>Ground range detected (being phased out over 2026/27 in favour of GRD-COG) (<c>GRD</c>).</summary>
    public static IceyeProductType Grd { get; } = new("GRD");

    /// <summary>Ground range detected, cloud-optimised GeoTIFF (<c>GRD-COG</c>).</summary>
    public static IceyeProductType GrdCog { get; } = new("GRD-COG");

    /// <summary>Single look complex (being phased out in favour of SLC-COG) (<c>SLC</c>).</summary>
    public static IceyeProductType Slc { get; } = new("SLC");

    /// <summary>Single look complex, cloud-optimised GeoTIFF (<c>SLC-COG</c>).</summary>
    public static IceyeProductType SlcCog { get; } = new("SLC-COG");

    /// <summary>Colour sub-aperture image, dwell modes, being phased out in favour of CSI-COG (<c>CSI</c>).</summary>
    public static IceyeProductType Csi { get; } = new("CSI");

    /// <summary>Colour sub-aperture image, cloud-optimised GeoTIFF (<c>CSI-COG</c>).</summary>
    public static IceyeProductType CsiCog { get; } = new("CSI-COG");

    /// <summary>Video, dwell modes, being phased out in favour of VID-COG (<c>VID</c>).</summary>
    public static IceyeProductType Vid { get; } = new("VID");

    /// <summary>Video, cloud-optimised (<c>VID-COG</c>).</summary>
    public static IceyeProductType VidCog { get; } = new("VID-COG");

    /// <summary>Quicklook (<c>QLK</c>).</summary>
    public static IceyeProductType Qlk { get; } = new("QLK");

    /// <summary>Sensor independent complex data (non-SLA) (<c>SICD</c>).</summary>
    public static IceyeProductType Sicd { get; } = new("SICD");

    /// <summary>Sensor independent derived data (non-SLA) (<c>SIDD</c>).</summary>
    public static IceyeProductType Sidd { get; } = new("SIDD");

    /// <summary>The wire text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(IceyeProductType left, IceyeProductType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(IceyeProductType left, IceyeProductType right) => !left.Equals(right);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    public static implicit operator IceyeProductType(string value) => new(value);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    /// <returns>The value.</returns>
    public static IceyeProductType From(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(IceyeProductType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is IceyeProductType other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
