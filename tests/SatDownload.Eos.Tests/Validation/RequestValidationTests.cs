using NetTopologySuite.Geometries;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;

namespace SatDownload.Eos.Tests.Validation;

/// <summary>Bad requests fail with a message naming the field and the fix, before any HTTP call.</summary>
public sealed class RequestValidationTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static Aoi TwoSquares() => Aoi.FromGeometry(Factory.CreateMultiPolygon(
    [
        (Polygon)EosHarness.Square(-104.90, 27.16).Geometry,
        (Polygon)EosHarness.Square(-104.80, 27.16).Geometry,
    ]));

    private static EosLoadByExtentRequest Valid() => new()
    {
        ViewId = "S2/13/R/EL/2023/7/19/0",
        Bands = ["B02", "B03", "B04"],
        Aoi = EosHarness.Square(),
    };

    public static TheoryData<string, Func<EosLoadByExtentRequest, EosLoadByExtentRequest>, string> BadTaskRequests() => new()
    {
        { "blank view id", r => new() { ViewId = " ", Bands = r.Bands, Aoi = r.Aoi }, "ViewId is required" },
        { "view id without sensor", r => new() { ViewId = "LC80110312016028LGN00", Bands = r.Bands, Aoi = r.Aoi }, "is not an EOS view id" },
        { "no bands", r => new() { ViewId = r.ViewId, Bands = [], Aoi = r.Aoi }, "Bands must list at least one band" },
        { "blank band", r => new() { ViewId = r.ViewId, Bands = ["B02", ""], Aoi = r.Aoi }, "Bands[1] is blank" },
        { "duplicate band", r => new() { ViewId = r.ViewId, Bands = ["B02", "b02"], Aoi = r.Aoi }, "lists 'b02' more than once" },
        { "empty metadata", r => new() { ViewId = r.ViewId, Bands = r.Bands, Aoi = r.Aoi, Metadata = [] }, "Metadata is empty" },
        { "blank reference", r => new() { ViewId = r.ViewId, Bands = r.Bands, Aoi = r.Aoi, Reference = "  " }, "Reference must be non-blank" },
        { "relative callback", r => new() { ViewId = r.ViewId, Bands = r.Bands, Aoi = r.Aoi, CallbackUrl = new Uri("/cb", UriKind.Relative) }, "CallbackUrl must be an absolute http(s) URL" },
        { "ftp callback", r => new() { ViewId = r.ViewId, Bands = r.Bands, Aoi = r.Aoi, CallbackUrl = new Uri("ftp://example.com/cb") }, "CallbackUrl must be an absolute http(s) URL" },
        { "null aoi", r => new() { ViewId = r.ViewId, Bands = r.Bands, Aoi = null! }, "Aoi is required" },
        { "multipolygon", r => new() { ViewId = r.ViewId, Bands = r.Bands, Aoi = TwoSquares() }, "MultiPolygon of 2 parts" },
    };

    [Theory]
    [MemberData(nameof(BadTaskRequests))]
    public async Task Bad_task_requests_fail_before_any_call(string because, Func<EosLoadByExtentRequest, EosLoadByExtentRequest> mutate, string expected)
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.CreateLoadByExtentTaskAsync(mutate(Valid())));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal("request", ex.ParamName);
        Assert.True(h.Emulator.Requests.Count == 0, because);
    }

    [Fact]
    public async Task A_multipolygon_can_be_split_into_one_task_per_polygon()
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        var request = new EosLoadByExtentRequest
        {
            ViewId = "S2/13/R/EL/2023/7/19/0",
            Bands = ["B04"],
            Aoi = TwoSquares(),
            Reference = "fields",
            MultiPolygonHandling = EosMultiPolygonHandling.SplitIntoTasks,
        };

        var single = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateLoadByExtentTaskAsync(request));
        Assert.Contains("CreateLoadByExtentTasksAsync", single.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Requests);

        h.AutoAdvance();
        var tasks = await client.CreateLoadByExtentTasksAsync(request);
        Assert.Equal(2, tasks.Count);
        Assert.Equal(["fields-p1", "fields-p2"], tasks.Select(t => h.Eos.GetTask(t.Id).Reference));
        Assert.Equal(["fields-p1", "fields-p2"], tasks.Select(t => t.Info.Reference));
        Assert.Contains("-104.9", h.Eos.GetTask(tasks[0].Id).RawRequest, StringComparison.Ordinal);
        Assert.Contains("-104.8", h.Eos.GetTask(tasks[1].Id).RawRequest, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Polygon\"", h.Eos.GetTask(tasks[1].Id).RawRequest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_references_are_unique()
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        h.AutoAdvance();
        var a = await client.CreateLoadByExtentTaskAsync(Valid());
        var b = await client.CreateLoadByExtentTaskAsync(Valid());
        Assert.NotEqual(a.Info.Reference, b.Info.Reference);
        Assert.Equal(a.Info.Reference, h.Eos.GetTask(a.Id).Reference);
    }

    public static TheoryData<string, Func<EosSceneSearchRequest, EosSceneSearchRequest>, string> BadSearches() => new()
    {
        { "no dataset", r => Copy(r, datasets: []), "Datasets must list at least one dataset" },
        { "dataset with slash", r => Copy(r, datasets: ["sentinel2/x"]), "without slashes" },
        { "reversed dates", r => Copy(r, from: new DateOnly(2023, 8, 1), to: new DateOnly(2023, 7, 1)), "is before From" },
        { "over a year", r => Copy(r, from: new DateOnly(2021, 1, 1), to: new DateOnly(2023, 1, 1)), "longer than 365 days" },
        { "cloud over 100", r => Copy(r, maxCloud: 120), "MaxCloudCoverage is a percentage" },
        { "cloud min above max", r => Copy(r, minCloud: 50, maxCloud: 10), "MinCloudCoverage is above MaxCloudCoverage" },
        { "page size", r => Copy(r, pageSize: 0), "PageSize must be between 1 and 500" },
        { "multipolygon", r => Copy(r, aoi: TwoSquares()), "MultiPolygon" },
    };

    [Theory]
    [MemberData(nameof(BadSearches))]
    public async Task Bad_searches_fail_before_any_call(string because, Func<EosSceneSearchRequest, EosSceneSearchRequest> mutate, string expected)
    {
        await using var h = await EosHarness.StartAsync();
        var client = h.CreateClient();
        var request = mutate(new EosSceneSearchRequest { Datasets = ["sentinel2"], Aoi = EosHarness.Square(), From = new DateOnly(2023, 7, 1), To = new DateOnly(2023, 7, 31) });
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await client.SearchScenesAsync(request).ToListAsync());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.True(h.Emulator.Requests.Count == 0, because);
    }

    private static EosSceneSearchRequest Copy(EosSceneSearchRequest r, string[]? datasets = null, DateOnly? from = null, DateOnly? to = null, double? minCloud = null, double? maxCloud = null, int? pageSize = null, Aoi? aoi = null) => new()
    {
        Datasets = datasets ?? r.Datasets,
        Aoi = aoi ?? r.Aoi,
        From = from ?? r.From,
        To = to ?? r.To,
        MinCloudCoverage = minCloud ?? r.MinCloudCoverage,
        MaxCloudCoverage = maxCloud ?? r.MaxCloudCoverage,
        PageSize = pageSize ?? r.PageSize,
    };

    [Fact]
    public void Client_options_are_checked_with_messages_naming_the_setting()
    {
        var noKey = Assert.Throws<ArgumentException>(() => new EosClient(new EosClientOptions()));
        Assert.Contains("SATDOWNLOAD_EOS_API_KEY", noKey.Message, StringComparison.Ordinal);
        Assert.Equal("ApiKey", noKey.ParamName);
        Assert.Throws<ArgumentException>(() => new EosClient(new EosClientOptions { ApiKey = "apk.x y" }));
        Assert.Throws<ArgumentException>(() => new EosClient(new EosClientOptions { ApiKey = "apk.valid123", RequestsPerMinute = -1 }));
        Assert.Throws<ArgumentException>(() => new EosClient(new EosClientOptions { ApiKey = "apk.valid123", RequestBurst = 11 }));
        Assert.Throws<ArgumentException>(() => new EosClient(new EosClientOptions { ApiKey = "apk.valid123", Endpoint = new Uri("ftp://x/") }));
        Assert.Throws<ArgumentException>(() => new EosClient(new EosClientOptions { ApiKey = "apk.valid123", PollInterval = TimeSpan.Zero }));
        var ok = new EosClient(new EosClientOptions { ApiKey = "apk.secretvalue123" });
        Assert.Equal(new Uri("https://api-connect.eos.com/"), ok.Options.Endpoint);
        Assert.DoesNotContain("apk.secretvalue123", ok.Options.ToString(), StringComparison.Ordinal);
    }
}
