using System.Globalization;
using System.IO.Compression;

namespace SatDownload.Archives;

/// <summary>
/// Extracts zip archives without trusting them. Every name is checked by <see cref="ArchiveEntryPathResolver"/> before
/// the first byte is written (contained, portable, unique; links and special files refused); the count, per-entry
/// size, total size and compression ratio are limited by <see cref="ArchiveLimitTracker"/> on the bytes actually
/// inflated, so a zip bomb stops after at most one limit's worth of output. Entries are written to temporary names and
/// moved into place only when the whole archive passed: on refusal, failure or cancellation nothing of the archive is
/// left on disk and files that were already in the folder are untouched.
/// </summary>
/// <remarks>Nested archives are written as files and never opened: a zip inside a zip cannot multiply the output.</remarks>
public class SafeZipExtractor
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixDirectory = 0x4000;
    private const int BufferSize = 81920;

    /// <summary>Creates an extractor.</summary>
    /// <param name="limits">The limits; <see cref="ArchiveExtractionLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is invalid.</exception>
    public SafeZipExtractor(ArchiveExtractionLimits? limits = null)
    {
        Limits = limits ?? ArchiveExtractionLimits.Default;
        Limits.Validate();
    }

    /// <summary>The limits applied.</summary>
    public ArchiveExtractionLimits Limits { get; }

    /// <summary>Extracts a zip file into a folder (created when missing). Existing files of the same name are replaced.</summary>
    /// <param name="archivePath">The zip file.</param>
    /// <param name="destinationDirectory">The folder to extract into.</param>
    /// <param name="cancellationToken">Cancels the extraction (nothing of the archive is kept).</param>
    /// <returns>The files written, in archive order.</returns>
    /// <exception cref="UnsafeArchiveException">An entry escapes the folder, collides, is a link, or a limit is exceeded.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable zip.</exception>
    public virtual async Task<IReadOnlyList<ExtractedFile>> ExtractAsync(string archivePath, string destinationDirectory, CancellationToken cancellationToken = default)
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
    /// <param name="cancellationToken">Cancels the extraction (nothing of the archive is kept).</param>
    /// <returns>The files written, in archive order.</returns>
    /// <exception cref="UnsafeArchiveException">An entry escapes the folder, collides, is a link, or a limit is exceeded.</exception>
    /// <exception cref="InvalidDataException">The stream is not a readable zip.</exception>
    public virtual async Task<IReadOnlyList<ExtractedFile>> ExtractAsync(Stream archive, string destinationDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        var resolver = new ArchiveEntryPathResolver(destinationDirectory, Limits);

        using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
        var plan = Plan(zip, resolver);

        var tracker = new ArchiveLimitTracker(Limits);
        var created = new List<string>();
        var staged = new List<(string Temporary, ExtractedFile File)>();
        var committed = false;
        try
        {
            CreateDirectory(resolver.DestinationDirectory, created);
            foreach (var (entry, target, isDirectory) in plan)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (isDirectory)
                {
                    tracker.BeginEntry(entry.FullName);
                    CreateDirectory(target, created);
                    continue;
                }

                tracker.BeginEntry(entry.FullName, entry.Length, entry.CompressedLength);
                CreateDirectory(Path.GetDirectoryName(target)!, created);
                var temporary = target + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";
                staged.Add((temporary, new ExtractedFile(target, entry.FullName, 0)));
                var length = await CopyEntryAsync(entry, temporary, tracker, cancellationToken).ConfigureAwait(false);
                staged[^1] = (temporary, staged[^1].File with { Length = length });
            }

            foreach (var (temporary, file) in staged)
            {
                File.Move(temporary, file.Path, overwrite: true);
            }

            committed = true;
            return staged.Select(s => s.File).ToList();
        }
        finally
        {
            if (!committed)
            {
                CleanUp(staged, created);
            }
        }
    }

    /// <summary>Validates every name and the declared sizes before anything is written, so a bad entry late in the archive leaves nothing behind.</summary>
    private List<(ZipArchiveEntry Entry, string Target, bool IsDirectory)> Plan(ZipArchive zip, ArchiveEntryPathResolver resolver)
    {
        var preflight = new ArchiveLimitTracker(Limits);
        preflight.CheckDeclaredEntryCount(zip.Entries.Count);
        var plan = new List<(ZipArchiveEntry, string, bool)>(zip.Entries.Count);
        foreach (var entry in zip.Entries)
        {
            var type = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
            if (type != 0 && type != UnixRegularFile && type != UnixDirectory)
            {
                throw new UnsafeArchiveException(
                    $"The entry '{entry.FullName}' is a symbolic link or special file; such entries are refused because they can point outside the target folder.",
                    ArchiveRefusalReason.LinkOrSpecialEntry,
                    entry.FullName);
            }

            var isDirectory = type == UnixDirectory || entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');
            preflight.BeginEntry(entry.FullName, isDirectory ? null : entry.Length, isDirectory ? null : entry.CompressedLength);
            var target = isDirectory ? resolver.ResolveDirectory(entry.FullName) : resolver.ResolveFile(entry.FullName);
            if (target is not null)
            {
                plan.Add((entry, target, isDirectory));
            }
        }

        return plan;
    }

    private static async Task<long> CopyEntryAsync(ZipArchiveEntry entry, string path, ArchiveLimitTracker tracker, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        var crc = new Crc32();
        var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        await using (output.ConfigureAwait(false))
        {
            var input = entry.Open();
            await using (input.ConfigureAwait(false))
            {
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    // Counted before writing: a bomb never puts more than one buffer past a limit on disk.
                    tracker.AddInflatedBytes(read);
                    crc.Append(buffer.AsSpan(0, read));
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        tracker.EndEntry();
        if (crc.Value != entry.Crc32)
        {
            // The zip reader stops at the declared size, so a header that understates it shows only here.
            throw new UnsafeArchiveException(
                string.Create(CultureInfo.InvariantCulture, $"The entry '{entry.FullName}' inflated to data whose CRC-32 ({crc.Value:x8}) differs from its header's ({entry.Crc32:x8}): the archive is corrupt or its header lies about the size; nothing of it was kept."),
                ArchiveRefusalReason.ChecksumMismatch,
                entry.FullName);
        }

        return tracker.EntryBytes;
    }

    private static void CreateDirectory(string path, List<string> created)
    {
        var missing = new Stack<string>();
        for (var dir = path; !string.IsNullOrEmpty(dir) && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            missing.Push(dir);
        }

        foreach (var dir in missing)
        {
            Directory.CreateDirectory(dir);
            created.Add(dir);
        }
    }

    private static void CleanUp(List<(string Temporary, ExtractedFile File)> staged, List<string> created)
    {
        foreach (var (temporary, _) in staged)
        {
            Try(() => File.Delete(temporary));
        }

        // Only folders this extraction created, deepest first, and only when empty.
        for (var i = created.Count - 1; i >= 0; i--)
        {
            var dir = created[i];
            Try(() =>
            {
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    Directory.Delete(dir);
                }
            });
        }
    }

    private static void Try(Action action)
    {
        try
        {
            action();
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
}
