using System.Globalization;

namespace SatDownload.Archives;

/// <summary>
/// Limits that stop a hostile or broken archive (zip bomb, path traversal, millions of entries) from filling the disk or
/// the memory. Sizes are counted on the bytes actually inflated, never trusted from the archive's headers; declared sizes
/// are only used to refuse early.
/// </summary>
/// <remarks>Shared by every extractor (zip here, tar in adapters) through <see cref="ArchiveLimitTracker"/>.</remarks>
public sealed class ArchiveExtractionLimits
{
    /// <summary>Defaults sized for satellite imagery: 10 000 entries, 8 GiB per entry, 32 GiB in all, ratio 200.</summary>
    public static ArchiveExtractionLimits Default { get; } = new();

    /// <summary>The most entries (files and folders) an archive may hold. Default 10 000.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>The largest uncompressed size of one entry, in bytes. Default 8 GiB.</summary>
    public long MaxEntryBytes { get; init; } = 8L * 1024 * 1024 * 1024;

    /// <summary>The largest uncompressed size of all entries together, in bytes. Default 32 GiB.</summary>
    public long MaxTotalBytes { get; init; } = 32L * 1024 * 1024 * 1024;

    /// <summary>
    /// The highest ratio of uncompressed to compressed size, checked per entry and over the whole archive once more than
    /// <see cref="RatioCheckThresholdBytes"/> have inflated. Default 200: rasters rarely compress beyond 20:1, bombs reach 1000:1.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Below this many inflated bytes the ratio is not checked (tiny text files compress well). Default 1 MiB.</summary>
    public long RatioCheckThresholdBytes { get; init; } = 1024 * 1024;

    /// <summary>The longest entry name accepted, in characters. Default 1024.</summary>
    public int MaxEntryNameLength { get; init; } = 1024;

    /// <summary>Checks the limits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public void Validate()
    {
        if (MaxEntries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEntries), MaxEntries, "ArchiveExtractionLimits.MaxEntries must be at least 1.");
        }

        if (MaxEntryBytes < 1 || MaxTotalBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEntryBytes), string.Create(CultureInfo.InvariantCulture, $"ArchiveExtractionLimits.MaxEntryBytes and MaxTotalBytes must be positive (got {MaxEntryBytes} and {MaxTotalBytes})."));
        }

        if (double.IsNaN(MaxCompressionRatio) || MaxCompressionRatio < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCompressionRatio), MaxCompressionRatio, "ArchiveExtractionLimits.MaxCompressionRatio must be at least 1.");
        }

        if (RatioCheckThresholdBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RatioCheckThresholdBytes), RatioCheckThresholdBytes, "ArchiveExtractionLimits.RatioCheckThresholdBytes must not be negative.");
        }

        if (MaxEntryNameLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEntryNameLength), MaxEntryNameLength, "ArchiveExtractionLimits.MaxEntryNameLength must be at least 1.");
        }
    }
}
