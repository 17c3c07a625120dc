namespace SatDownload.Downloads;

/// <summary>The next byte a request loop will write; shared with the body copy so that a fault mid-body keeps the position.</summary>
internal sealed class ChunkCursor
{
    public ChunkCursor(long offset, long? end)
    {
        Offset = offset;
        End = end;
    }

    /// <summary>The next byte to write.</summary>
    public long Offset { get; set; }

    /// <summary>The end (exclusive) of the chunk, or null for "to the end of the file".</summary>
    public long? End { get; set; }
}
