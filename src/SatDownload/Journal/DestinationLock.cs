using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SatDownload.Journal;

/// <summary>
/// An exclusive lock on a destination directory for the length of one run: <c>.satdownload/lock</c> opened with
/// <see cref="FileShare.None"/>, which the runtime backs with an operating-system lock (<c>flock</c> on Unix, a share
/// mode on Windows). The OS drops it when the holder dies, so a killed run never leaves a lock that blocks the next one;
/// the owner note beside it (<c>lock.owner</c>) only names the holder in error messages and reveals a previous run that
/// ended without cleaning up.
/// </summary>
internal sealed class DestinationLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _ownerPath;

    private DestinationLock(FileStream stream, string ownerPath)
    {
        _stream = stream;
        _ownerPath = ownerPath;
    }

    /// <summary>Takes the lock or throws at once (no waiting).</summary>
    /// <exception cref="DestinationLockedException">Another live run holds it.</exception>
    public static DestinationLock Acquire(string destinationDirectory, TimeProvider timeProvider, ILogger logger)
    {
        var folder = Path.Combine(destinationDirectory, DownloadJournal.DirectoryName);
        Directory.CreateDirectory(folder);
        var lockPath = Path.Combine(folder, "lock");
        var ownerPath = Path.Combine(folder, "lock.owner");
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new DestinationLockedException(destinationDirectory, ReadOwner(ownerPath), ex);
        }

        try
        {
            if (ReadOwner(ownerPath) is { } previous)
            {
                // We hold the OS lock, so whoever wrote this note is gone without removing it: a crash or a kill.
                JournalLog.StaleLock(logger, destinationDirectory, previous);
            }

            var note = string.Create(
                CultureInfo.InvariantCulture,
                $"process {Environment.ProcessId} on {Environment.MachineName} since {timeProvider.GetUtcNow():O}");
            File.WriteAllText(ownerPath, note);
            return new DestinationLock(stream, ownerPath);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Releases the lock. The lock file stays: deleting it could let two runs lock different files of one name.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (IOException)
        {
            // The note is informational; the OS lock below is what matters.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }

        _stream.Dispose();
    }

    private static string? ReadOwner(string ownerPath)
    {
        try
        {
            return File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
