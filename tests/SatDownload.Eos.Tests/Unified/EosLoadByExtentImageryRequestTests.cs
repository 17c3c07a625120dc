using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;
using SatDownload.Eos.Unified;

namespace SatDownload.Eos.Tests.Unified;

/// <summary>Validation (before any request) and the fingerprint of the unified EOS request.</summary>
public sealed class EosLoadByExtentImageryRequestTests
{
    private static EosLoadByExtentRequest Valid(Action<Builder>? change = null)
    {
        var b = new Builder();
        change?.Invoke(b);
        return new EosLoadByExtentRequest
        {
            ViewId = b.ViewId,
            Bands = b.Bands,
            Aoi = b.Aoi,
            Merge = b.Merge,
            Metadata = b.Metadata,
            Reference = b.Reference,
            CallbackUrl = b.CallbackUrl,
        };
    }

    public static TheoryData<string, string, string> InvalidRequests() => new()
    {
        { "blank view id", "EosLoadByExtentRequest.ViewId", "is required" },
        { "view id with spaces", "EosLoadByExtentRequest.ViewId", "is not an EOS view id" },
        { "no bands", "EosLoadByExtentRequest.Bands", "at least one band" },
        { "duplicate band", "EosLoadByExtentRequest.Bands", "more than once" },
        { "blank band", "EosLoadByExtentRequest.Bands", "is blank" },
        { "empty metadata", "EosLoadByExtentRequest.Metadata", "is empty" },
        { "relative callback", "EosLoadByExtentRequest.CallbackUrl", "absolute http(s) URL" },
        { "multipolygon", "EosLoadByExtentRequest.Aoi", "MultiPolygon of 2 parts" },
        { "both modes", "EosLoadByExtentImageryRequest.TaskIds", "together with LoadByExtent" },
        { "no task ids", "EosLoadByExtentImageryRequest.TaskIds", "is empty" },
        { "bad task id", "EosLoadByExtentImageryRequest.TaskIds", "not an EOS task id" },
        { "duplicate task id", "EosLoadByExtentImageryRequest.TaskIds", "more than once" },
        { "antimeridian", "EosLoadByExtentRequest.Aoi", "antimeridian" },
        { "long reference", "EosLoadByExtentRequest.Reference", "at most 200 characters" },
    };

    private static EosLoadByExtentImageryRequest Invalid(string name)
    {
        switch (name)
        {
            case "both modes": return new EosLoadByExtentImageryRequest(Valid()) { TaskIds = ["t1"] };
            case "no task ids": return EosLoadByExtentImageryRequest.ForExistingTasks();
            case "bad task id": return EosLoadByExtentImageryRequest.ForExistingTasks("a/b");
            case "duplicate task id": return EosLoadByExtentImageryRequest.ForExistingTasks("t1", "t1");
        }

        var twoSquares = Aoi.FromWkt("MULTIPOLYGON(((10 10,10.1 10,10.1 10.1,10 10.1,10 10)),((11 11,11.1 11,11.1 11.1,11 11.1,11 11)))");
        var load = name switch
        {
            "blank view id" => Valid(b => b.ViewId = " "),
            "view id with spaces" => Valid(b => b.ViewId = "S2 13/R"),
            "no bands" => Valid(b => b.Bands = []),
            "duplicate band" => Valid(b => b.Bands = ["B04", "B04"]),
            "blank band" => Valid(b => b.Bands = ["B04", " "]),
            "empty metadata" => Valid(b => b.Metadata = []),
            "relative callback" => Valid(b => b.CallbackUrl = new Uri("/callback", UriKind.Relative)),
            "multipolygon" => Valid(b => b.Aoi = twoSquares),
            "antimeridian" => Valid(b => b.Aoi = Aoi.FromBoundingBox(179.9, 10, -179.9, 10.1)),
            "long reference" => Valid(b => b.Reference = new string('r', 201)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        return new EosLoadByExtentImageryRequest(load);
    }

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_requests_are_refused_naming_the_field_before_any_request(string name, string field, string problem)
    {
        await using var h = await EosHarness.StartAsync();
        var request = Invalid(name);

        var direct = Assert.Throws<ImageryRequestValidationException>(request.Validate);
        Assert.Equal(field, direct.Field);
        Assert.Contains(problem, direct.Message, StringComparison.Ordinal);

        var viaClient = await Assert.ThrowsAsync<ImageryRequestValidationException>(() => h.CreateSatDownloadClient().DownloadAsync(request, h.Directory));
        Assert.Equal(field, viaClient.Field);
        var viaEosClient = await Assert.ThrowsAsync<ImageryRequestValidationException>(() => h.CreateClient().StartAsync(request));
        Assert.Equal(field, viaEosClient.Field);

        Assert.Empty(h.Emulator.Requests);
        Assert.False(File.Exists(DownloadJournal.PathFor(h.Directory)));
    }

    [Fact]
    public void A_request_without_its_load_by_extent_part_is_refused()
    {
        var ex = Assert.Throws<ImageryRequestValidationException>(new EosLoadByExtentImageryRequest().Validate);
        Assert.Equal("EosLoadByExtentImageryRequest.LoadByExtent", ex.Field);
        Assert.Contains("or TaskIds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_changes_with_what_is_ordered_and_ignores_reference_callback_and_metadata_order()
    {
        var baseline = new EosLoadByExtentImageryRequest(Valid()).GetFingerprint();
        Assert.Matches("^[0-9a-f]{64}$", baseline);
        Assert.Equal(baseline, new EosLoadByExtentImageryRequest(Valid()).GetFingerprint());
        Assert.Equal(baseline, new EosLoadByExtentImageryRequest(Valid(b => { b.Reference = "x"; b.CallbackUrl = new Uri("https://example.com/cb"); })).GetFingerprint());

        Assert.NotEqual(baseline, new EosLoadByExtentImageryRequest(Valid(b => b.ViewId = "S2/13/R/EL/2023/7/20/0")).GetFingerprint());
        Assert.NotEqual(baseline, new EosLoadByExtentImageryRequest(Valid(b => b.Bands = ["B08", "B04"])).GetFingerprint());
        Assert.NotEqual(baseline, new EosLoadByExtentImageryRequest(Valid(b => b.Merge = false)).GetFingerprint());
        Assert.NotEqual(baseline, new EosLoadByExtentImageryRequest(Valid(b => b.Merge = null)).GetFingerprint());
        Assert.NotEqual(baseline, new EosLoadByExtentImageryRequest(Valid(b => b.Aoi = EosHarness.Square(size: 0.02))).GetFingerprint());

        var existing = EosLoadByExtentImageryRequest.ForExistingTasks("t1", "t2").GetFingerprint();
        Assert.NotEqual(baseline, existing);
        Assert.Equal(existing, EosLoadByExtentImageryRequest.ForExistingTasks("t1", "t2").GetFingerprint());
        Assert.NotEqual(existing, EosLoadByExtentImageryRequest.ForExistingTasks("t1").GetFingerprint());

        var withMetadata = new EosLoadByExtentImageryRequest(Valid(b => b.Metadata = ["a.xml", "b.xml"])).GetFingerprint();
        Assert.NotEqual(baseline, withMetadata);
        Assert.Equal(withMetadata, new EosLoadByExtentImageryRequest(Valid(b => b.Metadata = ["b.xml", "a.xml"])).GetFingerprint());
    }

    [Fact]
    public void The_short_constructor_and_the_provider_contract()
    {
        var request = new EosLoadByExtentImageryRequest("S2/13/R/EL/2023/7/19/0", ["B04"], EosHarness.Square());
        request.Validate();
        Assert.Equal("eos", request.Provider);
        Assert.Equal("load-by-extent", request.Kind);
        Assert.Equal("eos load-by-extent S2/13/R/EL/2023/7/19/0 [B04]", request.ToString());
        Assert.Equal(new EosLoadByExtentImageryRequest(Valid(b => { b.Bands = ["B04"]; b.Merge = null; })).GetFingerprint(), request.GetFingerprint());

        var provider = new EosImageryProvider(new EosClient(new EosClientOptions { ApiKey = "apk.test" }));
        Assert.Equal("eos", provider.Name);
        Assert.True(provider.CanHandle(request));
        Assert.False(provider.CanHandle(new OtherEosRequest()));
        Assert.Equal(TimeSpan.FromSeconds(10), provider.DefaultPolling.InitialInterval);
    }

    private sealed class OtherEosRequest : ImageryRequest
    {
        public override string Provider => "eos";

        protected override void WriteCanonicalFields(System.Text.Json.Utf8JsonWriter writer)
        {
        }
    }

    private sealed class Builder
    {
        public string ViewId { get; set; } = "S2/13/R/EL/2023/7/19/0";

        public IReadOnlyList<string> Bands { get; set; } = ["B04", "B08"];

        public Aoi Aoi { get; set; } = EosHarness.Square();

        public bool? Merge { get; set; } = true;

        public IReadOnlyList<string>? Metadata { get; set; }

        public string? Reference { get; set; }

        public Uri? CallbackUrl { get; set; }
    }
}
