using SatDownload.Archives;

namespace SatDownload.Tests.Archives;

/// <summary>The tracker on its own, as a stream extractor without per-entry compressed sizes (tar.gz) uses it.</summary>
public sealed class ArchiveLimitTrackerTests
{
    [Fact]
    public void Entry_total_and_count_limits_trip_on_counted_bytes_with_the_reason_and_entry()
    {
        var tracker = new ArchiveLimitTracker(new ArchiveExtractionLimits { MaxEntries = 2, MaxEntryBytes = 100, MaxTotalBytes = 150 });
        tracker.BeginEntry("a");
        tracker.AddInflatedBytes(100);
        tracker.EndEntry();
        var entry = Assert.Throws<UnsafeArchiveException>(() => tracker.AddInflatedBytes(1));
        Assert.Equal(ArchiveRefusalReason.EntryTooLarge, entry.Reason);
        Assert.Equal("a", entry.EntryName);

        tracker.BeginEntry("b");
        var total = Assert.Throws<UnsafeArchiveException>(() => tracker.AddInflatedBytes(60));
        Assert.Equal(ArchiveRefusalReason.TotalTooLarge, total.Reason);
        Assert.Contains("MaxTotalBytes (150 bytes)", total.Message, StringComparison.Ordinal);

        var count = Assert.Throws<UnsafeArchiveException>(() => tracker.BeginEntry("c"));
        Assert.Equal(ArchiveRefusalReason.TooManyEntries, count.Reason);
    }

    [Fact]
    public void The_whole_archive_ratio_is_checked_from_the_compressed_bytes_read()
    {
        var tracker = new ArchiveLimitTracker(new ArchiveExtractionLimits { MaxCompressionRatio = 10, RatioCheckThresholdBytes = 1000 });
        tracker.BeginEntry("a.tif");
        tracker.AddInflatedBytes(900, archiveCompressedBytesRead: 10);
        tracker.AddInflatedBytes(500, archiveCompressedBytesRead: 200);
        var ex = Assert.Throws<UnsafeArchiveException>(() => tracker.AddInflatedBytes(1000, archiveCompressedBytesRead: 200));
        Assert.Equal(ArchiveRefusalReason.CompressionRatio, ex.Reason);
        Assert.Contains("zip bombs", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_sizes_refuse_early_and_lying_headers_are_caught()
    {
        var limits = new ArchiveExtractionLimits { MaxEntryBytes = 1000, MaxTotalBytes = 1500 };
        Assert.Equal(ArchiveRefusalReason.EntryTooLarge, Assert.Throws<UnsafeArchiveException>(() => new ArchiveLimitTracker(limits).BeginEntry("big", declaredLength: 1001)).Reason);

        var total = new ArchiveLimitTracker(limits);
        total.BeginEntry("a", declaredLength: 1000);
        Assert.Equal(ArchiveRefusalReason.TotalTooLarge, Assert.Throws<UnsafeArchiveException>(() => total.BeginEntry("b", declaredLength: 600)).Reason);

        var longer = new ArchiveLimitTracker(limits);
        longer.BeginEntry("a", declaredLength: 10);
        Assert.Equal(ArchiveRefusalReason.SizeMismatch, Assert.Throws<UnsafeArchiveException>(() => longer.AddInflatedBytes(11)).Reason);

        var shorter = new ArchiveLimitTracker(limits);
        shorter.BeginEntry("a", declaredLength: 10);
        shorter.AddInflatedBytes(9);
        var ex = Assert.Throws<UnsafeArchiveException>(shorter.EndEntry);
        Assert.Equal(ArchiveRefusalReason.SizeMismatch, ex.Reason);
        Assert.Contains("declares 10 bytes but inflated to 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_limits_are_rejected_naming_the_limit()
    {
        Assert.Equal("MaxEntries", Assert.Throws<ArgumentOutOfRangeException>(() => new ArchiveLimitTracker(new ArchiveExtractionLimits { MaxEntries = 0 })).ParamName);
        Assert.Equal("MaxCompressionRatio", Assert.Throws<ArgumentOutOfRangeException>(() => new ArchiveLimitTracker(new ArchiveExtractionLimits { MaxCompressionRatio = double.NaN })).ParamName);
        Assert.Equal("MaxEntryNameLength", Assert.Throws<ArgumentOutOfRangeException>(() => new ArchiveLimitTracker(new ArchiveExtractionLimits { MaxEntryNameLength = 0 })).ParamName);
        Assert.Equal("RatioCheckThresholdBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new ArchiveLimitTracker(new ArchiveExtractionLimits { RatioCheckThresholdBytes = -1 })).ParamName);
    }
}
