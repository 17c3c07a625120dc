using System.Net.Http.Headers;

namespace SatDownload.Downloads;

/// <summary>Reads the parts of a response that tell which bytes it carries and of how large a file.</summary>
internal static class ContentRangeHeader
{
    /// <summary>The total size from <c>Content-Range: bytes a-b/total</c> or <c>bytes */total</c>; null when absent or <c>*</c>.</summary>
    public static long? TotalOf(HttpResponseMessage response)
    {
        var cr = response.Content.Headers.ContentRange;
        return cr?.HasLength == true ? cr.Length : null;
    }

    /// <summary>The first byte a 206 response carries.</summary>
    public static long? StartOf(HttpResponseMessage response) => response.Content.Headers.ContentRange?.From;

    /// <summary>The last byte (inclusive) a 206 response carries.</summary>
    public static long? LastOf(HttpResponseMessage response) => response.Content.Headers.ContentRange?.To;

    /// <summary>Builds <c>Range: bytes=start-</c> or <c>bytes=start-(end-1)</c>.</summary>
    public static RangeHeaderValue Build(long start, long? endExclusive) =>
        new(start, endExclusive is { } e ? e - 1 : null);
}
