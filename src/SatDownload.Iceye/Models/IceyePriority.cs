using System.ComponentModel;
using System.Text.Json.Serialization;
using SatDownload.Iceye.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>The tasking priority; the contract decides which ones are allowed.</summary>
/// <remarks>
/// An extensible enumeration (Azure SDK style): ICEYE adds values over time, so an unknown value read from the wire is
/// kept verbatim instead of failing deserialization. Comparison is ordinal and ignores case.
/// </remarks>
[JsonConverter(typeof(IceyePriorityJsonConverter))]
public readonly struct IceyePriority : IEquatable<IceyePriority>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire text.</summary>
    /// <param name="value">The wire text, for example <c>BACKGROUND</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public IceyePriority(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim();
    }

    /// <summary>Background priority (<c>BACKGROUND</c>).</summary>
    public static IceyePriority Background { get; } = new("BACKGROUND");

    /// <summary>Commercial priority (<c>COMMERCIAL</c>).</summary>
    public static IceyePriority Commercial { get; } = new("COMMERCIAL");

    /// <summary>The wire text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(IceyePriority left, IceyePriority right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(IceyePriority left, IceyePriority right) => !left.Equals(right);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    public static implicit operator IceyePriority(string value) => new(value);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    /// <returns>The value.</returns>
    public static IceyePriority From(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(IceyePriority other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is IceyePriority other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
