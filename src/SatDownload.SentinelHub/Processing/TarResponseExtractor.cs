using System.Formats.Tar;
using SatDownload.Archives;

namespace SatDownload.SentinelHub;

/// <summary>
/// Unpacks a multi-response tar (<c>default.tif</c>, <c>userdata.json</c>, ...) into one file per identifier, safely:
/// member names come from the server, so every name goes through the core <see cref="ArchiveEntryPathResolver"/>
/// (absolute paths, drive letters, <c>..</c> and NUL are refused; reserved names made safe), links and special entries
/// are refused, two members for one identifier are refused, and the core <see cref="ArchiveLimitTracker"/> enforces
/// <see cref="ArchiveExtractionLimits"/> (entry count, entry and total size). Members are written to <c>.partial</c> files
/// and renamed only when the whole tar was read, so a refused or broken tar leaves nothing behind.
/// </summary>
public static class TarResponseExtractor
{
    /// <summary>Limits for Process responses: a few outputs, each at most 2500 × 2500 × 4 bands × 8 bytes plus headers.</summary>
    public static ArchiveExtractionLimits DefaultLimits { get; } = new()
    {
        MaxEntries = 64,
        MaxEntryBytes = 1L * 1024 * 1024 * 1024,
        MaxTotalBytes = 8L * 1024 * 1024 * 1024,
        MaxEntryNameLength = 255,
    };

    /// <summary>Extracts a tar stream with <see cref="DefaultLimits"/>.</summary>
    /// <param name="tar">The tar bytes.</param>
    /// <param name="destinationDirectory">Where to write.</param>
    /// <param name="fileNamePrefix">Prefix for every file (e.g. a tile name plus <c>_</c>), or empty.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Identifier (member name without extension) → written file path.</returns>
    /// <exception cref="UnsafeArchiveException">A member escapes, is a link, repeats an identifier, or a limit trips; nothing is kept.</exception>
    public static Task<IReadOnlyDictionary<string, string>> ExtractAsync(Stream tar, string destinationDirectory, string fileNamePrefix = "", CancellationToken cancellationToken = default) =>
        ExtractAsync(tar, destinationDirectory, fileNamePrefix, DefaultLimits, cancellationToken);

    /// <summary>Extracts a tar stream.</summary>
    /// <param name="tar">The tar bytes.</param>
    /// <param name="destinationDirectory">Where to write.</param>
    /// <param name="fileNamePrefix">Prefix for every file, or empty.</param>
    /// <param name="limits">Entry count and size limits.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Identifier → written file path.</returns>
    /// <exception cref="UnsafeArchiveException">A member escapes, is a link, repeats an identifier, or a limit trips; nothing is kept.</exception>
    public static async Task<IReadOnlyDictionary<string, string>> ExtractAsync(Stream tar, string destinationDirectory, string fileNamePrefix, ArchiveExtractionLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        ArgumentNullException.ThrowIfNull(fileNamePrefix);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        if (fileNamePrefix.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || fileNamePrefix.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException("The file name prefix must be a plain file name fragment.", nameof(fileNamePrefix));
        }

        var root = Path.GetFullPath(destinationDirectory);
        Directory.CreateDirectory(root);
        var paths = new ArchiveEntryPathResolver(root, limits);
        var tracker = new ArchiveLimitTracker(limits);
        var staged = new List<(string Partial, string Final)>();
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var completed = false;
        try
        {
            var reader = new TarReader(tar, leaveOpen: true);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (entry.EntryType is TarEntryType.Directory)
                    {
                        paths.ResolveDirectory(entry.Name);
                        continue;
                    }

                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
                    {
                        throw new UnsafeArchiveException(
                            $"The tar member '{entry.Name}' is a {entry.EntryType} entry; a Process response holds regular files only, so the tar was refused.",
                            ArchiveRefusalReason.LinkOrSpecialEntry,
                            entry.Name);
                    }

                    tracker.BeginEntry(entry.Name, entry.Length);
                    var resolved = paths.ResolveFile(entry.Name);
                    if (resolved is null)
                    {
                        continue;
                    }

                    var target = Path.Combine(Path.GetDirectoryName(resolved)!, fileNamePrefix + Path.GetFileName(resolved));
                    var identifier = Path.GetFileNameWithoutExtension(entry.Name.Replace('\\', '/').Split('/')[^1]);
                    if (!written.TryAdd(identifier, target))
                    {
                        throw new UnsafeArchiveException(
                            $"The tar holds two members for the output '{identifier}' ('{entry.Name}' and an earlier one); refusing to guess which is right.",
                            ArchiveRefusalReason.DuplicateEntry,
                            entry.Name);
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    var partial = target + ".partial";
                    staged.Add((partial, target));
                    var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await using (file.ConfigureAwait(false))
                    {
                        if (entry.DataStream is { } data)
                        {
                            var buffer = new byte[81920];
                            int read;
                            while ((read = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                            {
                                tracker.AddInflatedBytes(read);
                                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                            }
                        }
                    }

                    tracker.EndEntry();
                }
            }

            foreach (var (partial, final) in staged)
            {
                File.Move(partial, final, overwrite: true);
            }

            completed = true;
            return written;
        }
        finally
        {
            if (!completed)
            {
                foreach (var (partial, _) in staged)
                {
                    TryDelete(partial);
                }
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover .partial never carries a final name.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
