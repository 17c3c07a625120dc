using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SatDownload.Journal;

namespace SatDownload;

/// <summary>
/// The destination's memory of what was ordered and downloaded: <c>.satdownload/journal.json</c>, one entry per request
/// fingerprint with the provider task id and each asset's state. A later run of the same request finds the task here
/// and resumes it by id instead of ordering (and paying) again.
/// </summary>
/// <remarks>
/// <para>Writes are atomic: a temporary file is written and flushed to disk, the previous journal is kept as
/// <c>journal.json.bak</c>, and the temporary file is renamed over the journal. A kill at any moment leaves either the
/// old or the new journal, never half of one.</para>
/// <para>A journal that cannot be read (corrupt, truncated, from a newer version) never stops a run: it is moved aside
/// as <c>journal.json.corrupt-&lt;time&gt;</c>, the backup is used when it is readable, and <see cref="RecoveryMessage"/>
/// (also logged as a warning) says what happened.</para>
/// <para>Not thread-safe on its own; <see cref="SatDownloadClient"/> holds the destination lock while using it.</para>
/// </remarks>
public class DownloadJournal
{
    /// <summary>The folder, inside the destination, that holds the journal and the lock.</summary>
    public const string DirectoryName = ".satdownload";

    /// <summary>The journal file name.</summary>
    public const string FileName = "journal.json";

    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly JournalDocument _document;

    private DownloadJournal(string destinationDirectory, JournalDocument document, string? recoveryMessage, TimeProvider timeProvider, ILogger logger)
    {
        DestinationDirectory = destinationDirectory;
        FilePath = PathFor(destinationDirectory);
        _document = document;
        RecoveryMessage = recoveryMessage;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>For mocking.</summary>
    protected DownloadJournal()
    {
        DestinationDirectory = string.Empty;
        FilePath = string.Empty;
        _document = new JournalDocument();
        _timeProvider = TimeProvider.System;
        _logger = NullLogger.Instance;
    }

    /// <summary>The destination directory (full path).</summary>
    public virtual string DestinationDirectory { get; }

    /// <summary>The journal file's full path.</summary>
    public virtual string FilePath { get; }

    /// <summary>What went wrong reading the journal file and what was done about it; null when it read cleanly or did not exist.</summary>
    public virtual string? RecoveryMessage { get; }

    /// <summary>The entries, one per request fingerprint.</summary>
    public virtual IReadOnlyList<JournalEntry> Entries => _document.Entries;

    /// <summary>The journal path for a destination directory.</summary>
    /// <param name="destinationDirectory">The destination.</param>
    /// <returns>The full path of <c>.satdownload/journal.json</c>.</returns>
    public static string PathFor(string destinationDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        return Path.Combine(Path.GetFullPath(destinationDirectory), DirectoryName, FileName);
    }

    /// <summary>Reads the journal of a destination, or starts an empty one; never throws for a damaged file.</summary>
    /// <param name="destinationDirectory">The destination directory.</param>
    /// <param name="timeProvider">The clock for timestamps; the system clock when null.</param>
    /// <param name="logger">Receives a warning when the file had to be recovered.</param>
    /// <returns>The journal.</returns>
    public static DownloadJournal Open(string destinationDirectory, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        var root = Path.GetFullPath(destinationDirectory);
        logger ??= NullLogger.Instance;
        timeProvider ??= TimeProvider.System;
        var path = PathFor(root);
        if (!File.Exists(path))
        {
            return new DownloadJournal(root, new JournalDocument(), null, timeProvider, logger);
        }

        if (TryRead(path, out var document, out var problem))
        {
            return new DownloadJournal(root, document, null, timeProvider, logger);
        }

        var stamp = timeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var corruptPath = path + ".corrupt-" + stamp;
        string message;
        try
        {
            File.Move(path, corruptPath, overwrite: true);
            message = $"The journal '{path}' could not be read ({problem}); it was kept as '{Path.GetFileName(corruptPath)}'";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            message = $"The journal '{path}' could not be read ({problem}) nor moved aside ({ex.Message})";
        }

        var backupPath = path + ".bak";
        JournalDocument? backup = null;
        string? backupProblem = null;
        if (File.Exists(backupPath) && TryRead(backupPath, out var readBackup, out backupProblem))
        {
            backup = readBackup;
        }

        if (backup is not null)
        {
            message += $"; the previous version '{Path.GetFileName(backupPath)}' was used instead, so the latest changes of the last run are lost (unfinished files are still resumed from their partial data).";
            document = backup;
        }
        else
        {
            message += File.Exists(backupPath)
                ? $"; its backup is unreadable too ({backupProblem}). Starting a new journal: tasks ordered before cannot be found by id, so a re-run may order again."
                : ". Starting a new journal: tasks ordered before cannot be found by id, so a re-run may order again.";
            document = new JournalDocument();
        }

        JournalLog.Recovered(logger, message);
        return new DownloadJournal(root, document, message, timeProvider, logger);
    }

    /// <summary>The entry for a request fingerprint, or null.</summary>
    /// <param name="fingerprint">The fingerprint.</param>
    /// <returns>The entry or null.</returns>
    public virtual JournalEntry? Find(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        return _document.Entries.Find(e => string.Equals(e.Fingerprint, fingerprint, StringComparison.Ordinal));
    }

    /// <summary>Removes the entry for a fingerprint, so that the next run of that request orders it anew. Call <see cref="SaveAsync"/> to persist.</summary>
    /// <param name="fingerprint">The request fingerprint.</param>
    /// <returns>True when an entry was removed.</returns>
    public virtual bool Remove(string fingerprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(fingerprint);
        return _document.Entries.RemoveAll(e => string.Equals(e.Fingerprint, fingerprint, StringComparison.Ordinal)) > 0;
    }

    /// <summary>The entry for a fingerprint, created (in <see cref="JournalEntryStatus.Creating"/>) when missing.</summary>
    /// <param name="fingerprint">The request fingerprint.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="requestKind">The request kind.</param>
    /// <returns>The entry.</returns>
    public virtual JournalEntry GetOrAdd(string fingerprint, string provider, string? requestKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (Find(fingerprint) is { } existing)
        {
            return existing;
        }

        var now = _timeProvider.GetUtcNow();
        var entry = new JournalEntry
        {
            Fingerprint = fingerprint,
            Provider = provider,
            RequestKind = requestKind,
            CreatedAt = now,
            UpdatedAt = now,
            Status = JournalEntryStatus.Creating,
        };
        _document.Entries.Add(entry);
        return entry;
    }

    /// <summary>Marks an entry changed now (sets <see cref="JournalEntry.UpdatedAt"/>).</summary>
    /// <param name="entry">The entry.</param>
    public virtual void Touch(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.UpdatedAt = _timeProvider.GetUtcNow();
    }

    /// <summary>Sets an asset's state (adding the asset when new) and its timestamp.</summary>
    /// <param name="entry">The request entry.</param>
    /// <param name="identity">The asset identity.</param>
    /// <param name="state">The new state.</param>
    /// <returns>The asset entry, for setting path, size and checksum.</returns>
    public virtual JournalAssetEntry SetAssetState(JournalEntry entry, string identity, JournalAssetState state)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        var asset = entry.FindAsset(identity);
        if (asset is null)
        {
            asset = new JournalAssetEntry { Identity = identity };
            entry.Assets.Add(asset);
        }

        asset.State = state;
        asset.UpdatedAt = _timeProvider.GetUtcNow();
        entry.UpdatedAt = asset.UpdatedAt;
        return asset;
    }

    /// <summary>
    /// Writes the journal atomically (temporary file, flush to disk, keep the previous file as <c>.bak</c>, rename).
    /// </summary>
    /// <param name="cancellationToken">Cancels before the rename; the previous journal then stays in place.</param>
    /// <returns>A task that completes when the journal is on disk.</returns>
    /// <exception cref="IOException">The file could not be written.</exception>
    public virtual async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temp = FilePath + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, _document, JournalJsonContext.Default.JournalDocument, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                // Data on disk before the rename makes it visible: otherwise a power cut could leave an empty journal.
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (File.Exists(FilePath))
            {
                File.Copy(FilePath, FilePath + ".bak", overwrite: true);
            }

            File.Move(temp, FilePath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Like <see cref="SaveAsync"/>, but logs a failure instead of throwing: the journal must never stop a download.</summary>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>True when saved.</returns>
    public virtual async Task<bool> TrySaveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await SaveAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            JournalLog.SaveFailed(_logger, FilePath, ex.Message);
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"DownloadJournal {FilePath} ({_document.Entries.Count} entries)";

    private static bool TryRead(string path, out JournalDocument document, out string? problem)
    {
        document = new JournalDocument();
        try
        {
            var bytes = File.ReadAllBytes(path);
            var read = JsonSerializer.Deserialize(bytes, JournalJsonContext.Default.JournalDocument);
            if (read is null)
            {
                problem = "it holds JSON null";
                return false;
            }

            if (read.Version != JournalDocument.CurrentVersion)
            {
                problem = $"format version {read.Version.ToString(CultureInfo.InvariantCulture)}, this library reads version {JournalDocument.CurrentVersion.ToString(CultureInfo.InvariantCulture)}";
                return false;
            }

            read.Entries ??= [];
            read.Entries.RemoveAll(e => e is null || string.IsNullOrEmpty(e.Fingerprint));
            foreach (var entry in read.Entries)
            {
                entry.Assets ??= [];
                entry.Assets.RemoveAll(a => a is null || string.IsNullOrEmpty(a.Identity));
            }

            document = read;
            problem = null;
            return true;
        }
        catch (JsonException ex)
        {
            problem = "malformed JSON: " + ex.Message;
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = ex.Message;
            return false;
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
            // Leftover temporary files are harmless; the next save replaces it.
        }
    }
}
