namespace SatDownload.Downloads;

/// <summary>A half-open byte interval [Start, End).</summary>
internal readonly record struct ByteRange(long Start, long End)
{
    public long Length => End - Start;
}
