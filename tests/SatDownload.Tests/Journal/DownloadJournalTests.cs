using Microsoft.Extensions.Logging.Abstractions;
using SatDownload.Journal;

namespace SatDownload.Tests.Journal;

/// <summary>The journal file: round trip, atomic save with backup, recovery from damage, the destination lock.</summary>
public sealed class DownloadJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("satdl-journal").FullName;

    [Fact]
    public async Task Saved_entries_read_back_with_every_field()
    {
        var journal = DownloadJournal.Open(_dir);
        var entry = journal.GetOrAdd("fp1", "iceye", "task-products");
        entry.TaskId = "t-9";
        entry.TaskKind = "order";
        entry.RehydrationToken = "iceye:order:t-9";
        entry.CostEstimate = new CostEstimate(3.25m, "EUR");
        entry.Status = JournalEntryStatus.TaskCreated;
        entry.TaskStatus = ProviderTaskStatus.Running;
        var asset = journal.SetAssetState(entry, "iceye/p/a", JournalAssetState.Done);
        asset.Path = "iceye/p/a.tif";
        asset.Size = 42;
        asset.Sha256 = new string('a', 64);
        await journal.SaveAsync();

        var read = DownloadJournal.Open(_dir);

        Assert.Null(read.RecoveryMessage);
        var e = Assert.Single(read.Entries);
        Assert.Equal(("fp1", "iceye", "task-products", "t-9", "order", "iceye:order:t-9"), (e.Fingerprint, e.Provider, e.RequestKind, e.TaskId, e.TaskKind, e.RehydrationToken));
        Assert.Equal(new CostEstimate(3.25m, "EUR"), e.CostEstimate);
        Assert.Equal(JournalEntryStatus.TaskCreated, e.Status);
        Assert.Equal(ProviderTaskStatus.Running, e.TaskStatus);
        var a = Assert.Single(e.Assets);
        Assert.Equal((JournalAssetState.Done, "iceye/p/a.tif", 42L, new string('a', 64)), (a.State, a.Path, a.Size!.Value, a.Sha256));
        Assert.Same(e, read.Find("fp1"));
        Assert.Null(read.Find("fp2"));

        // Enums are written as names, so the file is readable by people and other tools.
        var text = File.ReadAllText(read.FilePath);
        Assert.Contains("\"status\": \"TaskCreated\"", text, StringComparison.Ordinal);
        Assert.Contains("\"state\": \"Done\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_keeps_the_previous_version_as_backup_and_leaves_no_temporary_file()
    {
        var journal = DownloadJournal.Open(_dir);
        journal.GetOrAdd("first", "eos", null);
        await journal.SaveAsync();
        journal.GetOrAdd("second", "eos", null);
        await journal.SaveAsync();

        var folder = Path.GetDirectoryName(journal.FilePath)!;
        Assert.Equal("journal.json,journal.json.bak", string.Join(",", Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)));
        Assert.Contains("first", File.ReadAllText(journal.FilePath + ".bak"), StringComparison.Ordinal);
        Assert.DoesNotContain("second", File.ReadAllText(journal.FilePath + ".bak"), StringComparison.Ordinal);
        Assert.Equal(2, DownloadJournal.Open(_dir).Entries.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"version\":1,\"entries\":[{\"fingerp")]
    [InlineData("\u0000\u0000\u0000")]
    [InlineData("{\"version\":99,\"entries\":[]}")]
    public void A_damaged_journal_is_moved_aside_and_explained(string content)
    {
        var path = DownloadJournal.PathFor(_dir);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);

        var journal = DownloadJournal.Open(_dir, logger: NullLogger.Instance);

        Assert.Empty(journal.Entries);
        Assert.NotNull(journal.RecoveryMessage);
        Assert.Contains("could not be read", journal.RecoveryMessage, StringComparison.Ordinal);
        Assert.Contains("may order again", journal.RecoveryMessage, StringComparison.Ordinal);
        var kept = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, "journal.json.corrupt-*"));
        Assert.Equal(content, File.ReadAllText(kept));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_damaged_journal_falls_back_to_a_readable_backup()
    {
        var journal = DownloadJournal.Open(_dir);
        journal.GetOrAdd("kept", "capella", null).TaskId = "c-1";
        await journal.SaveAsync();
        journal.GetOrAdd("lost", "capella", null);
        await journal.SaveAsync();
        File.WriteAllText(journal.FilePath, "{ broken");

        var recovered = DownloadJournal.Open(_dir);

        Assert.Equal("c-1", Assert.Single(recovered.Entries).TaskId);
        Assert.Contains("journal.json.bak' was used instead", recovered.RecoveryMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var path = DownloadJournal.PathFor(_dir);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"version\":1,\"writer\":\"future\",\"entries\":[{\"fingerprint\":\"f\",\"provider\":\"eos\",\"extra\":{\"a\":1},\"assets\":[{\"identity\":\"eos/p/k\",\"state\":\"Pending\",\"more\":true}]}]}");

        var journal = DownloadJournal.Open(_dir);

        Assert.Null(journal.RecoveryMessage);
        Assert.Equal(JournalAssetState.Pending, Assert.Single(Assert.Single(journal.Entries).Assets).State);
    }

    [Fact]
    public void The_destination_lock_is_exclusive_and_released_on_dispose()
    {
        using (DestinationLock.Acquire(_dir, TimeProvider.System, NullLogger.Instance))
        {
            var ex = Assert.Throws<DestinationLockedException>(() => DestinationLock.Acquire(_dir, TimeProvider.System, NullLogger.Instance));
            Assert.Equal(_dir, ex.DestinationDirectory);
            Assert.StartsWith($"process {Environment.ProcessId} on {Environment.MachineName} since ", ex.Owner, StringComparison.Ordinal);
            Assert.IsType<IOException>(ex.InnerException, exactMatch: false);
        }

        using var again = DestinationLock.Acquire(_dir, TimeProvider.System, NullLogger.Instance);
        Assert.True(File.Exists(Path.Combine(_dir, ".satdownload", "lock.owner")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
