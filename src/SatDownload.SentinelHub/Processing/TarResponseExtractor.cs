using System.Formats.Tar;

namespace SatDownload.SentinelHub;

/// <summary>
/// Unpacks a multi-response tar (<c>default.tif</c>, <c>userdata.json</c>, ...) into one file per identifier.
/// Member names come from the server, so only the bare file name is used, links and special entries are ignored,
/// and every target path is checked to stay inside the destination directory.
/// </summary>
public static class TarResponseExtractor
{
    /// <summary>Extracts a tar stream.</summary>
    /// <param name="tar">The tar bytes.</param>
    /// <param name="destinationDirectory">Where to write.</param>
    /// <param name="fileNamePrefix">Prefix for every file (e.g. a tile name plus <c>_</c>), or empty.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Identifier (member name without extension) → written file path.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> ExtractAsync(Stream tar, string destinationDirectory, string fileNamePrefix = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        ArgumentNullException.ThrowIfNull(fileNamePrefix);
        if (fileNamePrefix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || fileNamePrefix.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException("The file name prefix must be a plain file name fragment.", nameof(fileNamePrefix));
        }

        var root = Path.GetFullPath(destinationDirectory);
        Directory.CreateDirectory(root);
        var rootWithSep = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new TarReader(tar, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                var name = SafeName(entry.Name);
                if (name is null)
                {
                    continue;
                }

                var target = Path.GetFullPath(Path.Combine(root, fileNamePrefix + name));
                if (!target.StartsWith(rootWithSep, StringComparison.Ordinal))
                {
                    throw new SatDownloadException($"The tar member '{entry.Name}' would be written outside '{root}'; it was refused.");
                }

                var file = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    await entry.DataStream.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                }

                written[Path.GetFileNameWithoutExtension(name)] = target;
            }
        }

        return written;
    }

    private static string? SafeName(string memberName)
    {
        var normalized = memberName.Replace('\\', '/');
        var name = normalized[(normalized.LastIndexOf('/') + 1)..];
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        return name;
    }
}
