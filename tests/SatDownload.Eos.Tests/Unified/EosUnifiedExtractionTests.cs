using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SatDownload.Archives;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Eos.Unified;
using SatDownload.Testing.Eos;

namespace SatDownload.Eos.Tests.Unified;

/// <summary>
/// Zip results through <see cref="SatDownloadClient"/>: <see cref="EosImageryProvider.ProcessDownloadedFileAsync"/>
/// extracts them safely (as <see cref="EosClient.DownloadResultsAsync"/> does), once, and refuses hostile archives.
/// </summary>
public sealed class EosUnifiedExtractionTests
{
    private static readonly EosImageryProviderOptions Extract = new() { ExtractArchives = true };

    /// <summary>Two bands of different resolutions: EOS answers with a zip of one GeoTIFF per resolution.</summary>
    private static EosLoadByExtentImageryRequest ZipRequest() => UnifiedHarness.Request(["B04", "B11"]);

    [Fact]
    public async Task A_zip_result_is_extracted_next_to_it_catalogued_and_not_extracted_again_on_a_rerun()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();

        var result = await h.CreateSatDownloadClient(providerOptions: Extract).DownloadAsync(ZipRequest(), h.Directory);

        Assert.True(result.Succeeded, result.Downloads.FirstOrDefault()?.Exception?.ToString());
        var download = Assert.Single(result.Downloads);
        var bytes = h.Eos.GetResultBytes(result.TaskId);
        Assert.EndsWith(".zip", download.FilePath, StringComparison.Ordinal);
        Assert.Equal(EosHarness.Sha256(bytes), EosHarness.Sha256File(download.FilePath!));
        var folder = Path.Combine(Path.GetDirectoryName(download.FilePath)!, Path.GetFileNameWithoutExtension(download.FilePath)!);
        var expected = Entries(bytes);
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected.Keys.Order(), download.ExtractedFiles.Select(f => f.EntryName).Order());
        foreach (var file in download.ExtractedFiles)
        {
            Assert.Equal(Path.Combine(folder, file.EntryName), file.Path);
            Assert.Equal(expected[file.EntryName], EosHarness.Sha256File(file.Path));
            Assert.Equal(new FileInfo(file.Path).Length, file.Length);
        }

        // The catalog lists the zip and each extracted file; the journal records the zip.
        var (item, itemDirectory) = ReadItem(result.ManifestPath!);
        using (item)
        {
            var assets = item.RootElement.GetProperty("assets");
            Assert.Equal("1220" + EosHarness.Sha256(bytes), assets.GetProperty("result").GetProperty("file:checksum").GetString());
            foreach (var file in download.ExtractedFiles)
            {
                var asset = assets.GetProperty("result/" + file.EntryName);
                Assert.Equal(file.Path, Path.GetFullPath(Path.Combine(itemDirectory, asset.GetProperty("href").GetString()!)));
                Assert.Equal(file.Length, asset.GetProperty("file:size").GetInt64());
                Assert.Equal("image/tiff; application=geotiff", asset.GetProperty("type").GetString());
                Assert.Equal("result", asset.GetProperty("satdownload:extracted_from").GetString());
            }
        }

        var record = Assert.Single(Assert.Single(DownloadJournal.Open(h.Directory).Entries).Assets);
        Assert.Equal(JournalAssetState.Done, record.State);
        Assert.Equal(EosHarness.Sha256(bytes), record.Sha256);

        // A re-run finds the zip complete and its files in place: nothing is downloaded or extracted again.
        var stamp = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        foreach (var file in download.ExtractedFiles)
        {
            File.SetLastWriteTimeUtc(file.Path, stamp);
        }

        var blobGets = h.Emulator.Requests.ForProvider("blobs").Count;
        var again = await h.CreateSatDownloadClient(providerOptions: Extract).DownloadAsync(ZipRequest(), h.Directory);

        Assert.True(again.Succeeded, again.Downloads.FirstOrDefault()?.Exception?.ToString());
        var skipped = Assert.Single(again.Downloads);
        Assert.True(skipped.Skipped);
        Assert.Equal(download.ExtractedFiles, skipped.ExtractedFiles);
        Assert.All(skipped.ExtractedFiles, f => Assert.Equal(stamp, File.GetLastWriteTimeUtc(f.Path)));
        Assert.Equal(blobGets, h.Emulator.Requests.ForProvider("blobs").Count);
        Assert.Equal(1, h.Creates());
    }

    [Fact]
    public async Task Extracted_files_that_were_deleted_are_extracted_again_on_a_rerun()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();
        var first = Assert.Single((await h.CreateSatDownloadClient(providerOptions: Extract).DownloadAsync(ZipRequest(), h.Directory)).Downloads);
        var removed = first.ExtractedFiles[0];
        File.Delete(removed.Path);

        var again = Assert.Single((await h.CreateSatDownloadClient(providerOptions: Extract).DownloadAsync(ZipRequest(), h.Directory)).Downloads);

        Assert.True(again.Succeeded, again.Exception?.ToString());
        Assert.True(again.Skipped);
        Assert.Equal(first.ExtractedFiles, again.ExtractedFiles);
        Assert.Equal(removed.Length, new FileInfo(removed.Path).Length);
    }

    [Fact]
    public async Task Without_the_option_the_zip_is_downloaded_as_delivered()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();

        var download = Assert.Single((await h.CreateSatDownloadClient().DownloadAsync(ZipRequest(), h.Directory)).Downloads);

        Assert.True(download.Succeeded, download.Exception?.ToString());
        Assert.Empty(download.ExtractedFiles);
        Assert.Equal(EosHarness.Sha256(h.Eos.GetResultBytes(Assert.Single(h.Eos.Tasks).TaskId)), EosHarness.Sha256File(download.FilePath!));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(download.FilePath)!, Path.GetFileNameWithoutExtension(download.FilePath)!)));
    }

    [Fact]
    public async Task A_zip_with_an_entry_escaping_the_folder_fails_its_result_keeps_the_zip_and_writes_nothing_outside()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();
        var hostile = HostileZip();

        // The result is produced when the task succeeds; it is swapped for the hostile zip before the download starts.
        var progress = new SyncProgress<SatDownloadProgress>(p =>
        {
            if (p.Phase == SatDownloadPhase.ListingAssets)
            {
                h.Emulator.Blobs.Replace(h.Eos.ResultBlobName(p.TaskId!), hostile);
            }
        });
        var result = await h.CreateSatDownloadClient(providerOptions: Extract).DownloadAsync(ZipRequest(), h.Directory, null, progress);

        Assert.False(result.Succeeded);
        var download = Assert.Single(result.Downloads);
        Assert.False(download.Succeeded);
        var refused = Assert.IsType<UnsafeArchiveException>(download.Exception);
        Assert.Equal(ArchiveRefusalReason.PathEscape, refused.Reason);
        Assert.Equal("../escaped.txt", refused.EntryName);
        Assert.Contains("outside the target folder", refused.Message, StringComparison.Ordinal);
        Assert.Empty(download.ExtractedFiles);

        // The zip stays, byte for byte; nothing of the archive was written, inside or outside the folder.
        Assert.Equal(EosHarness.Sha256(hostile), EosHarness.Sha256File(download.FilePath!));
        var folder = Path.Combine(Path.GetDirectoryName(download.FilePath)!, Path.GetFileNameWithoutExtension(download.FilePath)!);
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : []);
        Assert.Empty(Directory.GetFiles(h.Directory, "escaped.txt", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(h.Directory, "inside.txt", SearchOption.AllDirectories));
        Assert.False(File.Exists(download.FilePath + ".extracted.json"));

        var record = Assert.Single(Assert.Single(DownloadJournal.Open(h.Directory).Entries).Assets);
        Assert.Equal(JournalAssetState.Failed, record.State);
        Assert.Contains("outside the target folder", record.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extraction_can_be_switched_on_through_DI_and_configuration()
    {
        var configured = new ServiceCollection();
        configured.AddSatDownload().AddEos(o => o.ApiKey = EosEmulatorOptions.DefaultApiKey);
        configured.Configure<EosImageryProviderOptions>(o => o.ExtractArchives = true);
        await using (var provider = configured.BuildServiceProvider())
        {
            Assert.True(Assert.IsType<EosImageryProvider>(Assert.Single(provider.GetServices<ImageryProvider>())).Options.ExtractArchives);
        }

        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eos:ApiKey"] = EosEmulatorOptions.DefaultApiKey,
            ["Eos:ExtractArchives"] = "true",
            ["Eos:ExtractionLimits:MaxEntries"] = "12",
        }).Build().GetSection("Eos");
        var bound = new ServiceCollection();
        bound.AddSatDownload().AddEos(section);
        await using (var provider = bound.BuildServiceProvider())
        {
            var eos = Assert.IsType<EosImageryProvider>(Assert.Single(provider.GetServices<ImageryProvider>()));
            Assert.True(eos.Options.ExtractArchives);
            Assert.Equal(12, eos.Options.ExtractionLimits!.MaxEntries);
        }

        var defaults = new ServiceCollection();
        defaults.AddSatDownload().AddEos(o => o.ApiKey = EosEmulatorOptions.DefaultApiKey);
        await using (var provider = defaults.BuildServiceProvider())
        {
            Assert.False(Assert.IsType<EosImageryProvider>(Assert.Single(provider.GetServices<ImageryProvider>())).Options.ExtractArchives);
        }
    }

    private static Dictionary<string, string> Entries(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            entries[entry.FullName] = EosHarness.Sha256(copy.ToArray());
        }

        return entries;
    }

    /// <summary>A harmless entry first, then one that climbs out of the extraction folder.</summary>
    private static byte[] HostileZip()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "inside.txt", "../escaped.txt" })
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes("entry " + name));
            }
        }

        return ms.ToArray();
    }

    private static (JsonDocument Item, string Directory) ReadItem(string catalogPath)
    {
        using var catalog = JsonDocument.Parse(File.ReadAllText(catalogPath));
        var link = Assert.Single(catalog.RootElement.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "item");
        var itemPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(catalogPath)!, link.GetProperty("href").GetString()!));
        return (JsonDocument.Parse(File.ReadAllText(itemPath)), Path.GetDirectoryName(itemPath)!);
    }

    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
