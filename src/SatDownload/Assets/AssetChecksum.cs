namespace SatDownload;

/// <summary>A checksum a provider publishes for an asset, verified by the downloader when present.</summary>
public sealed class AssetChecksum : IEquatable<AssetChecksum>
{
    /// <summary>Creates a checksum.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="hexValue">The digest as hexadecimal (any case); stored lower-case.</param>
    /// <exception cref="ArgumentException"><paramref name="hexValue"/> is not hexadecimal of the algorithm's length.</exception>
    public AssetChecksum(ChecksumAlgorithm algorithm, string hexValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hexValue);
        var expectedLength = algorithm switch
        {
            ChecksumAlgorithm.Sha256 => 64,
            ChecksumAlgorithm.Md5 => 32,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown checksum algorithm."),
        };
        var trimmed = hexValue.Trim().Trim('"');
        if (trimmed.Length != expectedLength || !trimmed.All(Uri.IsHexDigit))
        {
            throw new ArgumentException(
                $"A {algorithm} checksum must be {expectedLength} hexadecimal characters; got {trimmed.Length} characters.",
                nameof(hexValue));
        }

        Algorithm = algorithm;
        HexValue = trimmed.ToLowerInvariant();
    }

    /// <summary>The algorithm.</summary>
    public ChecksumAlgorithm Algorithm { get; }

    /// <summary>The digest, lower-case hexadecimal.</summary>
    public string HexValue { get; }

    /// <summary>Creates a SHA-256 checksum from hexadecimal.</summary>
    /// <param name="hex">64 hexadecimal characters.</param>
    /// <returns>The checksum.</returns>
    public static AssetChecksum Sha256(string hex) => new(ChecksumAlgorithm.Sha256, hex);

    /// <summary>Creates an MD5 checksum from hexadecimal.</summary>
    /// <param name="hex">32 hexadecimal characters.</param>
    /// <returns>The checksum.</returns>
    public static AssetChecksum Md5(string hex) => new(ChecksumAlgorithm.Md5, hex);

    /// <inheritdoc />
    public bool Equals(AssetChecksum? other) =>
        other is not null && other.Algorithm == Algorithm && string.Equals(other.HexValue, HexValue, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AssetChecksum);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Algorithm, HexValue);

    /// <inheritdoc />
    public override string ToString() => $"{Algorithm}:{HexValue}";
}
