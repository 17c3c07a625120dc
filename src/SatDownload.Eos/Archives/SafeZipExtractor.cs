using System.Globalization;
using System.IO.Compression;

namespace SatDownload.Eos.Archives;

/// <summary>
/// Extracts zip archives without trusting them: every entry must stay inside the target folder (no absolute paths,
/// drive letters, <c>..</c> segments or symbolic links), and the count, per-entry size, total size and compression
/// ratio are limited on the bytes actually inflated, so a zip bomb is stopped after at most one limit's worth of
/// output. On refusal or failure every file written so far is deleted.
/// </summary>
/// <remarks>Has no provider dependency, so it can move to the core when other adapters unpack archives too.</remarks>
public sealed class SafeZipExtractor
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymlink = 0xA000;
    private const int BufferSize = 81920;

    /// <summary>Creates an extractor.</summary>
    /// <param name="limits">The limits; <see cref="ArchiveExtractionLimits.Default"/> when null.</param>
    public SafeZipExtractor(ArchiveExtractionLimits? limits = null)
    {
        Limits = limits ?? ArchiveExtractionLimits.Default;
        Limits.Validate();
    }

    /// <summary>The limits applied.</summary>
    public ArchiveExtractionLimits Limits { get; }

    /// <summary>Extracts a zip file into a folder (created when missing). Existing files of the same name are overwritten.</summary>
    /// <param name="archivePath">The zip file.</param>
    /// <param name="destinationDirectory">The folder to extract into.</param>
    /// <param name="cancellationToken">Cancels the extraction (files written so far are removed).</param>
    /// <returns>The files written, in archive order.</returns>
    /// <exception cref="UnsafeArchiveException">An entry escapes the folder or a limit is exceeded.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable zip.</exception>
    public async Task<IReadOnlyList<ExtractedFile>> ExtractAsync(string archivePath, string destinationDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archivePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        var stream = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            return await ExtractAsync(stream, destinationDirectory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Extracts a zip read from a seekable stream into a folder (created when missing).</summary>
    /// <param name="archive">The zip stream.</param>
    /// <param name="destinationDirectory">The folder to extract into.</param>
    /// <param name="cancellationToken">Cancels the extraction (files written so far are removed).</param>
    /// <returns>The files written, in archive order.</returns>
    /// <exception cref="UnsafeArchiveException">An entry escapes the folder or a limit is exceeded.</exception>
    /// <exception cref="InvalidDataException">The stream is not a readable zip.</exception>
    public async Task<IReadOnlyList<ExtractedFile>> ExtractAsync(Stream archive, string destinationDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        var root = Path.GetFullPath(destinationDirectory);
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;

        using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > Limits.MaxEntries)
        {
            throw new UnsafeArchiveException(Invariant($"The archive holds {zip.Entries.Count} entries, more than ArchiveExtractionLimits.MaxEntries ({Limits.MaxEntries}); nothing was extracted."), (string?)null);
        }

        // Validate every name before writing a byte, so a traversal entry late in the archive leaves nothing behind.
        var plan = new List<(ZipArchiveEntry Entry, string Target)>();
        var targets = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            var target = ResolveTarget(entry, root, rootWithSeparator);
            if (target is not null && !targets.Add(target))
            {
                throw new UnsafeArchiveException($"The archive holds the entry '{entry.FullName}' twice; refusing to overwrite one entry with another.", entry.FullName);
            }

            plan.Add((entry, target ?? string.Empty));
        }

        Directory.CreateDirectory(root);
        var written = new List<ExtractedFile>();
        long total = 0;
        try
        {
            foreach (var (entry, target) in plan)
            {
                if (target.Length == 0)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (IsDirectoryEntry(entry))
                {
                    Directory.CreateDirectory(target);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var length = await CopyEntryAsync(entry, target, total, cancellationToken).ConfigureAwait(false);
                total += length;
                written.Add(new ExtractedFile(target, entry.FullName, length));
            }
        }
        catch
        {
            foreach (var file in written)
            {
                TryDelete(file.Path);
            }

            throw;
        }

        return written;
    }

    private async Task<long> CopyEntryAsync(ZipArchiveEntry entry, string target, long totalSoFar, CancellationToken cancellationToken)
    {
        var compressed = Math.Max(entry.CompressedLength, 1);
        var buffer = new byte[BufferSize];
        long length = 0;
        var ok = false;
        var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        try
        {
            await using (output.ConfigureAwait(false))
            {
                var input = entry.Open();
                await using (input.ConfigureAwait(false))
                {
                    int read;
                    while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        length += read;
                        if (length > Limits.MaxEntryBytes)
                        {
                            throw new UnsafeArchiveException(Invariant($"The entry '{entry.FullName}' inflates beyond ArchiveExtractionLimits.MaxEntryBytes ({Limits.MaxEntryBytes} bytes); extraction stopped and the files written were removed."), entry.FullName);
                        }

                        if (totalSoFar + length > Limits.MaxTotalBytes)
                        {
                            throw new UnsafeArchiveException(Invariant($"The archive inflates beyond ArchiveExtractionLimits.MaxTotalBytes ({Limits.MaxTotalBytes} bytes) at entry '{entry.FullName}'; extraction stopped and the files written were removed."), entry.FullName);
                        }

                        if (length > Limits.RatioCheckThresholdBytes && (double)length / compressed > Limits.MaxCompressionRatio)
                        {
                            throw new UnsafeArchiveException(Invariant($"The entry '{entry.FullName}' expands more than {Limits.MaxCompressionRatio:0.#} times its compressed size ({compressed} bytes), which is how zip bombs look; extraction stopped and the files written were removed. Raise ArchiveExtractionLimits.MaxCompressionRatio if the archive is trusted."), entry.FullName);
                        }

                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            ok = true;
            return length;
        }
        finally
        {
            if (!ok)
            {
                TryDelete(target);
            }
        }
    }

    private static string? ResolveTarget(ZipArchiveEntry entry, string root, string rootWithSeparator)
    {
        var name = entry.FullName;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var unixType = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
        if (unixType == UnixSymlink)
        {
            throw new UnsafeArchiveException($"The entry '{name}' is a symbolic link; links are refused because they can point outside the target folder.", name);
        }

        var normalized = name.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length >= 2 && normalized[1] == ':') || normalized.Contains('\0', StringComparison.Ordinal) ||
            normalized.Split('/').Any(segment => segment == ".."))
        {
            throw new UnsafeArchiveException($"The entry '{name}' would be written outside the target folder (absolute path, drive letter or '..'); the archive was refused.", name);
        }

        var relative = normalized.TrimEnd('/');
        if (relative.Length == 0 || relative == ".")
        {
            return null;
        }

        var target = Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!target.StartsWith(rootWithSeparator, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new UnsafeArchiveException($"The entry '{name}' resolves outside the target folder; the archive was refused.", name);
        }

        return target;
    }

    private static bool IsDirectoryEntry(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original failure is what the caller needs to see.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
