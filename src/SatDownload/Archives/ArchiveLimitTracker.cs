using System.Globalization;

namespace SatDownload.Archives;

/// <summary>
/// Counts what an extractor inflates and throws <see cref="UnsafeArchiveException"/> the moment a limit of
/// <see cref="ArchiveExtractionLimits"/> trips, so a bomb is stopped after at most one limit's worth of output.
/// One tracker per archive; extractors call <see cref="BeginEntry"/>, <see cref="AddInflatedBytes"/> for every buffer
/// and <see cref="EndEntry"/>. The extractor is responsible for removing what it wrote when this throws.
/// </summary>
/// <remarks>
/// Shared so that every archive format (zip in the core, tar or tar.gz in adapters) applies the same limits the same way.
/// Not thread-safe: one extraction at a time.
/// </remarks>
public sealed class ArchiveLimitTracker
{
    private string _entryName = string.Empty;
    private long? _entryDeclared;
    private long? _entryCompressed;
    private long _totalCompressed;
    private long _totalDeclared;

    /// <summary>Creates a tracker.</summary>
    /// <param name="limits">The limits; <see cref="ArchiveExtractionLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is invalid.</exception>
    public ArchiveLimitTracker(ArchiveExtractionLimits? limits = null)
    {
        Limits = limits ?? ArchiveExtractionLimits.Default;
        Limits.Validate();
    }

    /// <summary>The limits applied.</summary>
    public ArchiveExtractionLimits Limits { get; }

    /// <summary>Entries begun so far.</summary>
    public int EntryCount { get; private set; }

    /// <summary>Bytes inflated so far over all entries.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Bytes inflated so far for the current entry.</summary>
    public long EntryBytes { get; private set; }

    /// <summary>
    /// Checks an archive's declared entry count before anything is read (for formats with a directory, such as zip).
    /// </summary>
    /// <param name="declaredEntries">The count the archive declares.</param>
    /// <exception cref="UnsafeArchiveException">More entries than <see cref="ArchiveExtractionLimits.MaxEntries"/>.</exception>
    public void CheckDeclaredEntryCount(long declaredEntries)
    {
        if (declaredEntries > Limits.MaxEntries)
        {
            throw new UnsafeArchiveException(
                Invariant($"The archive holds {declaredEntries} entries, more than ArchiveExtractionLimits.MaxEntries ({Limits.MaxEntries}); nothing was extracted. Raise the limit if the archive is trusted."),
                ArchiveRefusalReason.TooManyEntries,
                null);
        }
    }

    /// <summary>Starts an entry: counts it and checks its declared size (when the format declares one).</summary>
    /// <param name="entryName">The entry name as the archive spells it (used in messages).</param>
    /// <param name="declaredLength">The uncompressed size the header declares, when it does; only used to refuse early and to detect lying headers.</param>
    /// <param name="compressedLength">The entry's compressed size, when the format has one per entry (zip); enables the per-entry ratio check.</param>
    /// <exception cref="UnsafeArchiveException">A limit trips.</exception>
    public void BeginEntry(string entryName, long? declaredLength = null, long? compressedLength = null)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        _entryName = entryName;
        _entryDeclared = declaredLength is >= 0 ? declaredLength : null;
        _entryCompressed = compressedLength is >= 0 ? compressedLength : null;
        EntryBytes = 0;
        EntryCount++;
        CheckDeclaredEntryCount(EntryCount);
        _totalCompressed += _entryCompressed ?? 0;
        if (_entryDeclared is { } declared)
        {
            if (declared > Limits.MaxEntryBytes)
            {
                throw new UnsafeArchiveException(
                    Invariant($"The entry '{entryName}' declares {declared} bytes, more than ArchiveExtractionLimits.MaxEntryBytes ({Limits.MaxEntryBytes}); the archive was refused."),
                    ArchiveRefusalReason.EntryTooLarge,
                    entryName);
            }

            _totalDeclared += declared;
            if (_totalDeclared > Limits.MaxTotalBytes)
            {
                throw new UnsafeArchiveException(
                    Invariant($"The archive declares more than ArchiveExtractionLimits.MaxTotalBytes ({Limits.MaxTotalBytes} bytes) by entry '{entryName}'; the archive was refused."),
                    ArchiveRefusalReason.TotalTooLarge,
                    entryName);
            }
        }
    }

    /// <summary>Records bytes inflated for the current entry and checks every limit on the running totals.</summary>
    /// <param name="count">Bytes just inflated.</param>
    /// <param name="archiveCompressedBytesRead">
    /// For stream formats without per-entry compressed sizes (tar.gz): the compressed bytes read from the archive so far,
    /// which enables the whole-archive ratio check. Leave null for zip (the entries' compressed sizes are summed).
    /// </param>
    /// <exception cref="UnsafeArchiveException">A limit trips.</exception>
    public void AddInflatedBytes(int count, long? archiveCompressedBytesRead = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        EntryBytes += count;
        TotalBytes += count;
        if (EntryBytes > Limits.MaxEntryBytes)
        {
            throw new UnsafeArchiveException(
                Invariant($"The entry '{_entryName}' inflates beyond ArchiveExtractionLimits.MaxEntryBytes ({Limits.MaxEntryBytes} bytes); extraction was stopped and nothing of the archive was kept."),
                ArchiveRefusalReason.EntryTooLarge,
                _entryName);
        }

        if (TotalBytes > Limits.MaxTotalBytes)
        {
            throw new UnsafeArchiveException(
                Invariant($"The archive inflates beyond ArchiveExtractionLimits.MaxTotalBytes ({Limits.MaxTotalBytes} bytes) at entry '{_entryName}'; extraction was stopped and nothing of the archive was kept."),
                ArchiveRefusalReason.TotalTooLarge,
                _entryName);
        }

        if (_entryDeclared is { } declared && EntryBytes > declared)
        {
            throw SizeMismatch(declared);
        }

        if (EntryBytes > Limits.RatioCheckThresholdBytes && _entryCompressed is { } compressed &&
            (double)EntryBytes / Math.Max(compressed, 1) > Limits.MaxCompressionRatio)
        {
            throw RatioExceeded($"The entry '{_entryName}' expands more than {Limits.MaxCompressionRatio:0.#} times its compressed size ({compressed} bytes)");
        }

        var archiveCompressed = archiveCompressedBytesRead ?? _totalCompressed;
        if (TotalBytes > Limits.RatioCheckThresholdBytes && (archiveCompressedBytesRead is not null || _entryCompressed is not null) &&
            (double)TotalBytes / Math.Max(archiveCompressed, 1) > Limits.MaxCompressionRatio)
        {
            // Many entries each just under the per-entry threshold add up to a bomb too: the archive as a whole is checked.
            throw RatioExceeded($"The archive expands more than {Limits.MaxCompressionRatio:0.#} times its compressed size ({archiveCompressed} bytes so far) at entry '{_entryName}'");
        }
    }

    /// <summary>Ends the current entry; refuses it when it inflated to fewer bytes than its header declared.</summary>
    /// <exception cref="UnsafeArchiveException">The size differs from the declared size.</exception>
    public void EndEntry()
    {
        if (_entryDeclared is { } declared && EntryBytes != declared)
        {
            throw SizeMismatch(declared);
        }
    }

    private UnsafeArchiveException SizeMismatch(long declared) =>
        new(
            Invariant($"The entry '{_entryName}' declares {declared} bytes but inflated to {(EntryBytes > declared ? "more than " + declared.ToString(CultureInfo.InvariantCulture) : EntryBytes.ToString(CultureInfo.InvariantCulture))}; a header that lies about sizes is refused (corrupt or crafted archive)."),
            ArchiveRefusalReason.SizeMismatch,
            _entryName);

    private UnsafeArchiveException RatioExceeded(FormattableString what) =>
        new(
            Invariant($"{what.ToString(CultureInfo.InvariantCulture)}, which is how zip bombs look; extraction was stopped and nothing of the archive was kept. Raise ArchiveExtractionLimits.MaxCompressionRatio if the archive is trusted."),
            ArchiveRefusalReason.CompressionRatio,
            _entryName);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
