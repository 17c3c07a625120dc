using SatDownload.Downloads;

namespace SatDownload.Tests.Downloads;

public sealed class PartSidecarStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("satdl-sidecar").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Round_trips_and_is_small()
    {
        var path = Path.Combine(_dir, "f.tif.part.json");
        var sidecar = new PartSidecar
        {
            Identity = "iceye/1/grd",
            TotalSize = 1_000_000,
            ETag = "\"abc\"",
            LastModified = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Ranges = { new long[] { 0, 100 }, new long[] { 200, 300 } },
        };
        PartSidecarStore.Save(path, sidecar);
        Assert.False(File.Exists(path + ".tmp"));
        Assert.True(new FileInfo(path).Length < 512);
        var json = File.ReadAllText(path);
        Assert.Contains("\"identity\":\"iceye/1/grd\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ranges\":[[0,100],[200,300]]", json, StringComparison.Ordinal);

        var loaded = PartSidecarStore.TryLoad(path, "iceye/1/grd");
        Assert.NotNull(loaded);
        Assert.Equal(1_000_000, loaded.TotalSize);
        Assert.Equal("\"abc\"", loaded.ETag);
        Assert.Equal(sidecar.LastModified, loaded.LastModified);
        Assert.Equal(new[] { 0L, 100L, 200L, 300L }, loaded.Ranges.SelectMany(r => r));
    }

    [Fact]
    public void Another_asset_garbage_or_another_version_is_ignored()
    {
        var path = Path.Combine(_dir, "g.part.json");
        PartSidecarStore.Save(path, new PartSidecar { Identity = "a/b/c", ETag = "\"x\"" });
        Assert.Null(PartSidecarStore.TryLoad(path, "a/b/other"));
        File.WriteAllText(path, "{not json");
        Assert.Null(PartSidecarStore.TryLoad(path, "a/b/c"));
        File.WriteAllText(path, "{\"version\":99,\"identity\":\"a/b/c\"}");
        Assert.Null(PartSidecarStore.TryLoad(path, "a/b/c"));
        File.WriteAllText(path, "{\"version\":1,\"identity\":\"a/b/c\",\"ranges\":[[5,1],[0],[0,10]],\"extra\":true}");
        var loaded = PartSidecarStore.TryLoad(path, "a/b/c");
        Assert.NotNull(loaded);
        Assert.Equal(new[] { 0L, 10L }, loaded.Ranges.Single());
        Assert.Null(PartSidecarStore.TryLoad(Path.Combine(_dir, "missing.json"), "a/b/c"));
    }
}
