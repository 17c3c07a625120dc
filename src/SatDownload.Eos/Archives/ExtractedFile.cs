namespace SatDownload.Eos.Archives;

/// <summary>A file written by <see cref="SafeZipExtractor"/>.</summary>
/// <param name="Path">The full path on disk.</param>
/// <param name="EntryName">The entry name inside the archive (forward slashes).</param>
/// <param name="Length">The number of bytes written.</param>
public sealed record ExtractedFile(string Path, string EntryName, long Length);
