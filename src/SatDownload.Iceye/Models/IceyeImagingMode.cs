using System.ComponentModel;
using System.Text.Json.Serialization;
using SatDownload.Iceye.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>An ICEYE imaging mode; the contract decides which ones a customer may task.</summary>
/// <remarks>
/// Only the modes named in the documentation have members; the Scan, Scan Wide, Spot Fine and Dwell variants are
/// contract-specific, create them with <c>new IceyeImagingMode("...")</c>.
/// An extensible enumeration (Azure SDK style): ICEYE adds values over time, so an unknown value read from the wire is
/// kept verbatim instead of failing deserialization. Comparison is ordinal and ignores case.
/// </remarks>
[JsonConverter(typeof(IceyeImagingModeJsonConverter))]
public readonly struct IceyeImagingMode : IEquatable<IceyeImagingMode>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire text.</summary>
    /// <param name="value">The wire text, for example <c>STRIPMAP</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public IceyeImagingMode(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim();
    }

    /// <summary>Strip (<c>STRIPMAP</c>).</summary>
    public static IceyeImagingMode Stripmap { get; } = new("STRIPMAP");

    /// <summary>Spot (<c>SPOTLIGHT</c>).</summary>
    public static IceyeImagingMode Spotlight { get; } = new("SPOTLIGHT");

    /// <summary>Spot Extended Area (<c>SPOTLIGHT_EXTENDED</c>).</summary>
    public static IceyeImagingMode SpotlightExtended { get; } = new("SPOTLIGHT_EXTENDED");

    /// <summary>Spotlight fine, single look (<c>SPOTLIGHT_FINE_1L</c>).</summary>
    public static IceyeImagingMode SpotlightFine { get; } = new("SPOTLIGHT_FINE_1L");

    /// <summary>Dwell Precise (<c>SPOTLIGHT_EXTENDED_DWELL_PRECISE</c>).</summary>
    public static IceyeImagingMode SpotlightExtendedDwellPrecise { get; } = new("SPOTLIGHT_EXTENDED_DWELL_PRECISE");

    /// <summary>The wire text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(IceyeImagingMode left, IceyeImagingMode right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(IceyeImagingMode left, IceyeImagingMode right) => !left.Equals(right);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    public static implicit operator IceyeImagingMode(string value) => new(value);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    /// <returns>The value.</returns>
    public static IceyeImagingMode From(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(IceyeImagingMode other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is IceyeImagingMode other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
