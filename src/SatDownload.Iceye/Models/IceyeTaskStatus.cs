using System.ComponentModel;
using System.Text.Json.Serialization;
using SatDownload.Iceye.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>The raw status of an ICEYE tasking task (see the status mapping in docs/providers/iceye.md).</summary>
/// <remarks>
/// An extensible enumeration (Azure SDK style): ICEYE adds values over time, so an unknown value read from the wire is
/// kept verbatim instead of failing deserialization. Comparison is ordinal and ignores case.
/// </remarks>
[JsonConverter(typeof(IceyeTaskStatusJsonConverter))]
public readonly struct IceyeTaskStatus : IEquatable<IceyeTaskStatus>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire text.</summary>
    /// <param name="value">The wire text, for example <c>RECEIVED</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or blank.</exception>
    public IceyeTaskStatus(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim();
    }

    /// <summary>The task was accepted and waits for the optimiser (<c>RECEIVED</c>).</summary>
    public static IceyeTaskStatus Received { get; } = new("RECEIVED");

    /// <summary>The task is scheduled for acquisition (<c>ACTIVE</c>).</summary>
    public static IceyeTaskStatus Active { get; } = new("ACTIVE");

    /// <summary>Acquired: the contract (SLA) products are downloadable, others are still being processed (<c>FULFILLED</c>).</summary>
    public static IceyeTaskStatus Fulfilled { get; } = new("FULFILLED");

    /// <summary>Every requested product is downloadable (<c>DONE</c>).</summary>
    public static IceyeTaskStatus Done { get; } = new("DONE");

    /// <summary>The optimiser could not schedule the task (<c>REJECTED</c>).</summary>
    public static IceyeTaskStatus Rejected { get; } = new("REJECTED");

    /// <summary>The acquisition or processing failed (<c>FAILED</c>).</summary>
    public static IceyeTaskStatus Failed { get; } = new("FAILED");

    /// <summary>The task was cancelled (<c>CANCELED</c>).</summary>
    public static IceyeTaskStatus Canceled { get; } = new("CANCELED");

    /// <summary>The wire text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(IceyeTaskStatus left, IceyeTaskStatus right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The left value.</param>
    /// <param name="right">The right value.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(IceyeTaskStatus left, IceyeTaskStatus right) => !left.Equals(right);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    public static implicit operator IceyeTaskStatus(string value) => new(value);

    /// <summary>Converts wire text to a value.</summary>
    /// <param name="value">The wire text.</param>
    /// <returns>The value.</returns>
    public static IceyeTaskStatus From(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(IceyeTaskStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is IceyeTaskStatus other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
