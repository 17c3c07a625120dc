namespace SatDownload.Archives;

/// <summary>A file written by an archive extractor such as <see cref="SafeZipExtractor"/>.</summary>
/// <param name="Path">The full path on disk (may differ from the entry name: reserved names and collisions are renamed).</param>
/// <param name="EntryName">The entry name inside the archive, as the archive spells it.</param>
/// <param name="Length">The number of bytes written.</param>
public sealed record ExtractedFile(string Path, string EntryName, long Length);
