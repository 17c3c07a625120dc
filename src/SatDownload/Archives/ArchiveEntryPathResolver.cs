using System.Globalization;
using SatDownload.Downloads;

namespace SatDownload.Archives;

/// <summary>
/// Maps archive entry names to paths that are contained in the destination folder and unique on every file system.
/// Entries that try to leave the folder (absolute paths, drive letters, UNC paths, <c>..</c>, NUL) are refused;
/// reserved or unportable names (<c>CON</c>, <c>NUL.txt</c>, <c>a:b</c>, trailing dots) are made safe; names that
/// collide once case is ignored (<c>B04.tif</c> and <c>b04.TIF</c>) get a <c>~2</c> suffix so neither overwrites the
/// other on Windows or macOS (a file named like an earlier folder is renamed the same way); folders that differ only in
/// case are merged into the first spelling. An archive naming the same file entry twice, or needing a folder where it
/// already placed a file, is refused.
/// </summary>
/// <remarks>
/// Name-only: it never touches the disk, so it can validate every name before an extractor writes its first byte.
/// Use one instance per archive. Shared by every archive extractor (zip, tar).
/// </remarks>
public sealed class ArchiveEntryPathResolver
{
    private readonly string _rootWithSeparator;
    private readonly int _maxNameLength;
    private readonly HashSet<string> _entryNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _directories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a resolver for one archive.</summary>
    /// <param name="destinationDirectory">The folder the archive is extracted into.</param>
    /// <param name="limits">Supplies <see cref="ArchiveExtractionLimits.MaxEntryNameLength"/>; defaults when null.</param>
    public ArchiveEntryPathResolver(string destinationDirectory, ArchiveExtractionLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        DestinationDirectory = Path.GetFullPath(destinationDirectory);
        _rootWithSeparator = Path.EndsInDirectorySeparator(DestinationDirectory) ? DestinationDirectory : DestinationDirectory + Path.DirectorySeparatorChar;
        _maxNameLength = (limits ?? ArchiveExtractionLimits.Default).MaxEntryNameLength;
    }

    /// <summary>The full path of the destination folder.</summary>
    public string DestinationDirectory { get; }

    /// <summary>Resolves a file entry to its full path, reserving it so later entries cannot collide with it.</summary>
    /// <param name="entryName">The entry name as the archive spells it ('/' or '\' separators).</param>
    /// <returns>The full path inside <see cref="DestinationDirectory"/>, or null for an entry naming the folder itself (<c>./</c>).</returns>
    /// <exception cref="UnsafeArchiveException">The name escapes the folder, is too long, or duplicates another entry.</exception>
    public string? ResolveFile(string entryName) => Resolve(entryName, isDirectory: false);

    /// <summary>Resolves a folder entry to its full path.</summary>
    /// <param name="entryName">The entry name as the archive spells it.</param>
    /// <returns>The full path inside <see cref="DestinationDirectory"/>, or null for the folder itself.</returns>
    /// <exception cref="UnsafeArchiveException">The name escapes the folder, is too long, or names an existing file entry.</exception>
    public string? ResolveDirectory(string entryName) => Resolve(entryName, isDirectory: true);

    private string? Resolve(string entryName, bool isDirectory)
    {
        ArgumentNullException.ThrowIfNull(entryName);
        var segments = SplitChecked(entryName);
        if (segments.Count == 0)
        {
            return null;
        }

        var canonical = new List<string>(segments.Count);
        var folderCount = isDirectory ? segments.Count : segments.Count - 1;
        for (var i = 0; i < folderCount; i++)
        {
            var candidate = Join(canonical, DownloadPathBuilder.SanitizeSegment(segments[i]));
            if (_files.Contains(candidate))
            {
                throw new UnsafeArchiveException(
                    $"The entry '{entryName}' needs a folder where the archive already has a file of the same name; the archive was refused.",
                    ArchiveRefusalReason.DuplicateEntry,
                    entryName);
            }

            if (!_directories.TryGetValue(candidate, out var existing))
            {
                existing = candidate;
                _directories.Add(candidate, candidate);
            }

            // Folders differing only in case share the first spelling, so the layout is the same on every file system.
            canonical.Add(existing[(existing.LastIndexOf('/') + 1)..]);
        }

        if (!isDirectory)
        {
            var normalized = string.Join('/', segments);
            if (!_entryNames.Add(normalized))
            {
                throw new UnsafeArchiveException(
                    $"The archive holds the entry '{entryName}' twice; refusing to let one entry overwrite another.",
                    ArchiveRefusalReason.DuplicateEntry,
                    entryName);
            }

            var name = DownloadPathBuilder.SanitizeSegment(segments[^1]);
            var unique = name;
            for (var n = 2; _files.Contains(Join(canonical, unique)) || _directories.ContainsKey(Join(canonical, unique)); n++)
            {
                unique = WithSuffix(name, n);
            }

            _files.Add(Join(canonical, unique));
            canonical.Add(unique);
        }

        var full = Path.GetFullPath(Path.Combine(DestinationDirectory, string.Join(Path.DirectorySeparatorChar, canonical)));
        if (!full.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            throw Escape(entryName);
        }

        return full;
    }

    private List<string> SplitChecked(string entryName)
    {
        if (entryName.Length > _maxNameLength)
        {
            throw new UnsafeArchiveException(
                string.Create(CultureInfo.InvariantCulture, $"An entry name is {entryName.Length} characters long, more than ArchiveExtractionLimits.MaxEntryNameLength ({_maxNameLength}); the archive was refused."),
                ArchiveRefusalReason.EntryNameTooLong,
                entryName[..Math.Min(entryName.Length, 200)]);
        }

        var normalized = entryName.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length >= 2 && normalized[1] == ':') || normalized.Contains('\0', StringComparison.Ordinal))
        {
            throw Escape(entryName);
        }

        var segments = new List<string>();
        foreach (var segment in normalized.Split('/'))
        {
            if (segment == "..")
            {
                throw Escape(entryName);
            }

            if (segment.Length > 0 && segment != ".")
            {
                segments.Add(segment);
            }
        }

        return segments;
    }

    private static string Join(List<string> folders, string name) =>
        folders.Count == 0 ? name : string.Join('/', folders) + "/" + name;

    private static string WithSuffix(string name, int n)
    {
        var extension = Path.GetExtension(name);
        if (extension.Length > 16 || extension.Length == name.Length)
        {
            extension = string.Empty;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{name[..^extension.Length]}~{n}{extension}");
    }

    private static UnsafeArchiveException Escape(string entryName) =>
        new(
            $"The entry '{entryName}' would be written outside the target folder (absolute path, drive letter, '..' or NUL); the archive was refused.",
            ArchiveRefusalReason.PathEscape,
            entryName);
}
