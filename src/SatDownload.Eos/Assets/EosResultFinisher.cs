using System.Globalization;
using System.Text.Json;
using SatDownload.Archives;

namespace SatDownload.Eos.Assets;

/// <summary>
/// What happens to an EOS result file once the shared downloader has it, on both download paths
/// (<see cref="EosClient.DownloadResultsAsync"/> and <see cref="Unified.EosImageryProvider"/> under
/// <see cref="SatDownloadClient"/>): the file gets the extension of the type read from its first bytes, and a zip result
/// is optionally extracted safely into a folder next to it, named after it.
/// </summary>
/// <remarks>
/// Extraction is done once per file: a record of the extracted files is kept next to the zip
/// (<c>&lt;zip&gt;<see cref="RecordSuffix"/></c>), and finishing the same, unchanged zip again (a re-run that finds the
/// file complete) returns the recorded files when they are all still there, without extracting again.
/// </remarks>
internal sealed class EosResultFinisher
{
    /// <summary>The suffix of the extraction record written next to a zip.</summary>
    public const string RecordSuffix = ".extracted.json";

    private readonly SafeZipExtractor? _extractor;
    private readonly bool _deleteArchive;

    /// <summary>Creates a finisher.</summary>
    /// <param name="extractArchives">Whether zip results are extracted.</param>
    /// <param name="limits">The extraction limits; <see cref="ArchiveExtractionLimits.Default"/> when null.</param>
    /// <param name="deleteArchiveAfterExtraction">Whether the zip is deleted once extracted (then no record is kept).</param>
    public EosResultFinisher(bool extractArchives, ArchiveExtractionLimits? limits, bool deleteArchiveAfterExtraction)
    {
        _extractor = extractArchives ? new SafeZipExtractor(limits) : null;
        _deleteArchive = deleteArchiveAfterExtraction;
    }

    /// <summary>The folder a zip result is extracted into: next to it, named after it without its extension.</summary>
    /// <param name="zipPath">The zip.</param>
    /// <returns>The folder's path.</returns>
    public static string ExtractionFolderOf(string zipPath) =>
        Path.Combine(Path.GetDirectoryName(zipPath)!, Path.GetFileNameWithoutExtension(zipPath));

    /// <summary>
    /// Reads the file's type from its first bytes and, when its extension says otherwise (EOS returned another type than
    /// predicted), renames it to that type's extension, replacing a file of that name.
    /// </summary>
    /// <param name="path">The downloaded file.</param>
    /// <returns>The file's path (renamed or not) and its type.</returns>
    public static (string Path, EosResultType Type) FixType(string path)
    {
        var actual = EosResultTypes.FromFile(path);
        if (actual == EosResultType.Unknown)
        {
            return (path, actual);
        }

        var expected = EosResultTypes.ExtensionOf(actual);
        var current = Path.GetExtension(path);
        if (string.Equals(current, expected, StringComparison.OrdinalIgnoreCase) ||
            (actual == EosResultType.Tif && string.Equals(current, ".tiff", StringComparison.OrdinalIgnoreCase)))
        {
            return (path, actual);
        }

        var fixedPath = Path.ChangeExtension(path, expected);
        File.Move(path, fixedPath, overwrite: true);
        return (fixedPath, actual);
    }

    /// <summary>
    /// Extracts a zip result when extraction is on and <paramref name="type"/> is <see cref="EosResultType.Zip"/>; returns
    /// the files an earlier call recorded for the same unchanged zip instead, when they are all still on disk.
    /// </summary>
    /// <param name="path">The result file.</param>
    /// <param name="type">Its type, from <see cref="FixType"/>.</param>
    /// <param name="sha256">The file's SHA-256 when known; otherwise its size and modification time identify it.</param>
    /// <param name="cancellationToken">Cancels the extraction (nothing of the archive is kept).</param>
    /// <returns>The extracted files; empty when nothing was extracted.</returns>
    /// <exception cref="UnsafeArchiveException">The zip was refused (an entry escapes the folder, is a link, or a limit was exceeded); nothing of it was written.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable zip.</exception>
    public async Task<IReadOnlyList<ExtractedFile>> ExtractAsync(string path, EosResultType type, string? sha256, CancellationToken cancellationToken)
    {
        if (_extractor is null || type != EosResultType.Zip)
        {
            return [];
        }

        var folder = ExtractionFolderOf(path);
        var recordPath = path + RecordSuffix;
        var extracted = ReadRecord(recordPath, path, folder, sha256);
        if (extracted is null)
        {
            extracted = await _extractor.ExtractAsync(path, folder, cancellationToken).ConfigureAwait(false);
            if (!_deleteArchive)
            {
                await WriteRecordAsync(recordPath, path, folder, sha256, extracted, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_deleteArchive)
        {
            // Also when an earlier call without deletion extracted it: the caller asked for the zip to go once extracted.
            File.Delete(path);
            TryDelete(recordPath);
        }

        return extracted;
    }

    private static IReadOnlyList<ExtractedFile>? ReadRecord(string recordPath, string zipPath, string folder, string? sha256)
    {
        if (!File.Exists(recordPath))
        {
            return null;
        }

        EosExtractionRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(File.ReadAllBytes(recordPath), EosExtractionJsonContext.Default.EosExtractionRecord);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null; // A damaged record only costs one more extraction.
        }

        var zip = new FileInfo(zipPath);
        if (record is null || record.Version != EosExtractionRecord.CurrentVersion || record.ArchiveLength != zip.Length)
        {
            return null;
        }

        var sameZip = sha256 is not null && record.ArchiveSha256 is not null
            ? string.Equals(sha256, record.ArchiveSha256, StringComparison.OrdinalIgnoreCase)
            : record.ArchiveLastWriteUtc == zip.LastWriteTimeUtc;
        if (!sameZip)
        {
            return null;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        var files = new List<ExtractedFile>(record.Files.Count);
        foreach (var file in record.Files)
        {
            // The record is only trusted to name files inside the folder that still have the size they were written with.
            var full = Path.GetFullPath(Path.Combine(root, file.Path));
            if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full) || new FileInfo(full).Length != file.Length)
            {
                return null;
            }

            files.Add(new ExtractedFile(full, file.Entry, file.Length));
        }

        return files;
    }

    private static async Task WriteRecordAsync(string recordPath, string zipPath, string folder, string? sha256, IReadOnlyList<ExtractedFile> extracted, CancellationToken cancellationToken)
    {
        var zip = new FileInfo(zipPath);
        var record = new EosExtractionRecord
        {
            Version = EosExtractionRecord.CurrentVersion,
            ArchiveLength = zip.Length,
            ArchiveLastWriteUtc = zip.LastWriteTimeUtc,
            ArchiveSha256 = sha256?.ToLowerInvariant(),
            Files = extracted.Select(f => new EosExtractionRecordFile
            {
                Path = Path.GetRelativePath(folder, f.Path).Replace('\\', '/'),
                Entry = f.EntryName,
                Length = f.Length,
            }).ToList(),
        };
        var temporary = recordPath + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, record, EosExtractionJsonContext.Default.EosExtractionRecord, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, recordPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The files are extracted; without the record the next finish of this zip only extracts again.
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort, see the callers.
        }
    }
}
