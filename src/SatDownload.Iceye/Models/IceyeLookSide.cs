using System.ComponentModel;
using System.Text.Json.Serialization;
using SatDownload.Iceye.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>Which side of the satellite looks at the point of interest.</summary>
/// <remarks>
/// An extensible enumeration (Azure SDK style): ICEYE adds values over time, so an unknown value read from the wire is
/// kept verbatim instead of failing deserialization. Comparison is ordinal and ignores case.
/// </remarks>
[JsonConverter(typeof(IceyeLookSideJsonConverter))]
public readonly struct IceyeLookSide : IEquatable<IceyeLookSide>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire text.</summary>
    /// <param name="value">The wire text, for example <c>LEFT</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public IceyeLookSide(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim();
    }

    /// <summary>Left-looking only (<c>LEFT</c>).</summary>
    public static IceyeLookSide Left { get; } = new("LEFT");

    /// <summary>Right-looking only (<c>RIGHT</c>).</summary>
    public static IceyeLookSide Right { get; } = new("RIGHT");

    /// <summary>Either side (<c>ANY</c>).</summary>
    public static IceyeLookSide Any { get; } = new("ANY");

    /// <summary>The wire text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(IceyeLookSide left, IceyeLookSide right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(IceyeLookSide left, IceyeLookSide right) => !left.Equals(right);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    public static implicit operator IceyeLookSide(string value) => new(value);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    /// <returns>The value.</returns>
    public static IceyeLookSide From(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(IceyeLookSide other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is IceyeLookSide other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
