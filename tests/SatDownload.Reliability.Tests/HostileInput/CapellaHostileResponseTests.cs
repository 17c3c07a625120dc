using SatDownload.Capella;
using SatDownload.Capella.Models;
using SatDownload.Testing;
using SatDownload.Testing.Capella;

namespace SatDownload.Reliability.Tests.HostileInput;

/// <summary>
/// Every typed answer the Capella client reads, served malformed by the emulator's fault injector (issue 10, "Hostile and
/// malformed input"): truncated JSON, wrong types, missing required fields, empty bodies, HTML pages, null, huge numbers.
/// Each ends in a <see cref="ProviderRequestException"/> that names the provider, the call and what was wrong; an
/// unknown order status never crashes polling.
/// </summary>
public sealed class CapellaHostileResponseTests
{
    private const string Aoi = CapellaEmulator.ArticleAoiId;
    private const string Product = CapellaEmulator.ArticleProductId;
    private const string OrderId = "order-7f3a";

    private static readonly CapellaOrderItem[] Items = [new("capella-archive", "granule-1")];

    /// <summary>The calls: a name, the path the answer comes from, and how to make the call.</summary>
    private static readonly Dictionary<string, (string Path, Func<CapellaClient, Task> Call)> Calls = new()
    {
        ["user"] = ("/capella/user", c => c.GetUserAsync()),
        ["aois"] = ("/capella/aois", async c => await Collect(c.GetAoisAsync())),
        ["aoi"] = ($"/capella/aois/{Aoi}", c => c.GetAoiAsync(Aoi)),
        ["products"] = ($"/capella/products/{Aoi}", async c => await Collect(c.GetProductsAsync(Aoi))),
        ["stac item"] = ($"/capella/catalog/collections/s1-change/items/{Product}", c => c.GetStacItemAsync(new Uri($"catalog/collections/s1-change/items/{Product}", UriKind.Relative))),
        ["catalog search"] = ("/capella/catalog/search", async c => await Collect(c.SearchCatalogAsync(new CapellaCatalogSearch { Collections = ["capella-archive"] }))),
        ["order review"] = ("/capella/orders/review", c => c.ReviewOrderAsync(Items)),
        ["order submit"] = ("/capella/orders", c => c.SubmitOrderAsync(Items)),
        ["orders list"] = ("/capella/orders", c => c.GetOrdersAsync("user-1")),
        ["order"] = ($"/capella/orders/{OrderId}", c => c.GetOrderAsync(OrderId)),
        ["order download"] = ($"/capella/orders/{OrderId}/download", c => c.GetOrderDownloadAsync(OrderId)),
        ["token"] = ("/capella/token", c => c.GetUserAsync()),
    };

    /// <summary>Per call, an answer that parses but lacks what the client needs (and the field the error must name).</summary>
    private static readonly Dictionary<string, (string Body, string Field)> MissingRequired = new()
    {
        ["user"] = ("""{"email":"analyst@example.com"}""", "id"),
        ["aois"] = ("""[{"type":"Feature","properties":{"name":"x"}}]""", "id"),
        ["aoi"] = ("""{"type":"Feature"}""", "id"),
        ["products"] = ("""{"products":[{"aoi_id":"a","assets":{}}]}""", "id"),
        ["stac item"] = ("""{"type":"Feature","assets":{}}""", "id"),
        ["catalog search"] = ("""{"type":"FeatureCollection","features":[{"type":"Feature"}]}""", "id"),
        ["order submit"] = ("""{"orderStatus":"completed"}""", "orderId"),
        ["orders list"] = ("""[{"orderStatus":"completed"}]""", "orderId"),
        ["order"] = ("""{"orderStatus":"completed"}""", "orderId"),
        ["order download"] = ("""[{"type":"Feature","assets":{}}]""", "id"),
        ["token"] = ("""{"expiresIn":3600,"tokenType":"Bearer"}""", "access_token"),
    };

    /// <summary>Every member a call reads, with the wrong JSON type.</summary>
    private const string WrongTypes =
        """{"id":42,"orderId":42,"orderStatus":7,"features":"nope","products":"nope","orders":"nope","aois":"nope","authorized":"yes","accessToken":42,"assets":[1,2],"properties":"x"}""";

    private const string Html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var call in Calls.Keys)
        {
            foreach (var kind in new[] { "truncated", "wrong types", "empty", "html", "null", "scalar" })
            {
                data.Add(call, kind);
            }

            if (MissingRequired.ContainsKey(call))
            {
                data.Add(call, "missing required");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_answers_become_a_readable_ProviderRequestException(string call, string kind)
    {
        await using var emulator = await StartAsync();
        var (path, invoke) = Calls[call];
        var (body, contentType, expected) = kind switch
        {
            "truncated" => ("""{"id":"abc","orderId":"abc","features":[{"id":""", "application/json", "JSON"),
            "wrong types" => (WrongTypes, "application/json", call == "token" ? "access_token" : ""),
            "empty" => (string.Empty, "application/json", "empty"),
            "html" => (Html, "text/html", "Bad Gateway"),
            "null" => ("null", "application/json", "null"),
            "scalar" => ("12345678901234567890123", "application/json", ""),
            "missing required" => (MissingRequired[call].Body, "application/json", MissingRequired[call].Field),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        emulator.Faults.On(path).RespondWithStatus(200, int.MaxValue, body: body, contentType: contentType);
        var client = Client(emulator, token: call == "token");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => invoke(client));

        Assert.Equal(ProviderNames.Capella, ex.Provider);
        Assert.False(string.IsNullOrWhiteSpace(ex.Operation), ex.Message);
        Assert.Contains("capella", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ex.Operation!, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(ex.IsRetryable, "a malformed 200 answer is not retried: " + ex.Message);
        Assert.True(ex.Message.Length < 1000, ex.Message);
        Assert.DoesNotContain("   at ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"url":""}""")]
    [InlineData("""{"url":"not a url at all"}""")]
    [InlineData("""{"url":42}""")]
    [InlineData("""{"url":"ftp://example.com/a.tif"}""")]
    [InlineData("")]
    [InlineData("<html><title>Sign in</title></html>")]
    public async Task A_signed_url_exchange_answer_without_a_usable_url_is_a_typed_error_naming_the_asset(string body)
    {
        await using var emulator = await StartAsync();
        var client = Client(emulator, token: false);
        var product = Assert.Single(await Collect(client.GetProductsAsync(Aoi)));
        var asset = client.GetProductAssets(product, new CapellaAssetFilter { Keys = ["a"] }).Single();
        emulator.Faults.On(asset.Href!.AbsolutePath).RespondWithStatus(200, int.MaxValue, body: body, contentType: body.StartsWith('<') ? "text/html" : body.Length == 0 ? "text/plain" : "application/json");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.AnalyticsHrefResolver.ResolveAsync(asset, SignedUrlResolveContext.Initial).AsTask());

        Assert.Equal(ProviderNames.Capella, ex.Provider);
        Assert.Contains(asset.Identity, ex.Message, StringComparison.Ordinal);
        Assert.Contains("URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Huge_numbers_never_overflow_into_an_untyped_exception()
    {
        await using var emulator = await StartAsync();
        var client = Client(emulator, token: false);

        // A price beyond decimal is not silently "no estimate": a budget check must not be skipped by a malformed quote.
        emulator.Faults.On("/capella/orders/review").RespondWithStatus(200, int.MaxValue, body: """{"authorized":true,"orderDetails":{"summary":{"total":1e400,"currency":"USD"}}}""", contentType: "application/json");
        var review = await Assert.ThrowsAsync<ProviderRequestException>(() => client.EstimateCostAsync(new CapellaChangeMapImageryRequest { Granules = Items }));
        Assert.Contains("total", review.Message, StringComparison.Ordinal);

        emulator.Faults.On("/capella/catalog/search").RespondWithStatus(200, int.MaxValue, body: """{"type":"FeatureCollection","numberMatched":1e400,"features":[]}""", contentType: "application/json");
        var search = await Assert.ThrowsAsync<ProviderRequestException>(() => Collect(client.SearchCatalogAsync(new CapellaCatalogSearch { Collections = ["capella-archive"] })));
        Assert.Equal("POST /catalog/search", search.Operation);

        emulator.Faults.On($"/capella/orders/{OrderId}/download").RespondWithStatus(200, int.MaxValue, body: """[{"id":"g","assets":{"HH":{"href":"https://x.capellaspace.com/a.tif","file:size":1e30}}}]""", contentType: "application/json");
        await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetOrderDownloadAsync(OrderId));

        // A token lifetime of 10^300 seconds (or one beyond double) is not a TimeSpan: the shared provider falls back to the default lifetime.
        foreach (var expiresIn in new[] { "1e300", "1e400", "-5", "\"soon\"" })
        {
            await using var tokenEmulator = await StartAsync();
            tokenEmulator.Faults.On("/capella/token").RespondWithStatus(200, int.MaxValue, body: $$"""{"accessToken":"tok-{{Guid.NewGuid():N}}","expiresIn":{{expiresIn}},"tokenType":"Bearer"}""", contentType: "application/json");
            var tokenClient = Client(tokenEmulator, token: true);
            var failure = await Record.ExceptionAsync(() => tokenClient.GetUserAsync());
            Assert.True(failure is null or ProviderRequestException, $"expiresIn {expiresIn}: {failure}");
        }
    }

    [Fact]
    public async Task An_unknown_order_status_keeps_polling_until_a_known_final_one()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero)) { AutoAdvanceMaxDelay = TimeSpan.FromSeconds(5), AutoAdvance = true };
        var capella = new CapellaEmulator();
        await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { capella }, Clock = clock });
        capella.AddGranule("capella-archive", "granule-1", ["changemap"]);
        capella.OrderProcessingTime = TimeSpan.FromMinutes(1);
        var client = Client(emulator, token: false);
        var task = await client.SubmitOrderAsync(Items);
        emulator.Faults.On($"/capella/orders/{task.Id}").RespondWithStatus(200, 3, body: $$"""{"orderId":"{{task.Id}}","orderStatus":"quantum-entangled","expirationDate":"2099-01-01T00:00:00Z"}""", contentType: "application/json");
        var seen = new List<ProviderTaskStatus>();

        var status = await task.WaitForCompletionAsync(
            new TaskPollingOptions { InitialInterval = TimeSpan.FromSeconds(1), MaxInterval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromMinutes(10) },
            new InlineProgress(p => seen.Add(p.Status)));

        Assert.Equal(ProviderTaskStatus.Succeeded, status);
        Assert.Contains(ProviderTaskStatus.Running, seen);
        Assert.True(emulator.Requests.ForPath($"/capella/orders/{task.Id}").Count >= 4);
    }

    private static async Task<ProviderEmulator> StartAsync()
    {
        var capella = new CapellaEmulator();
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { capella } });
        capella.SeedArticleExample(fileSize: 4096);
        return emulator;
    }

    private static CapellaClient Client(ProviderEmulator emulator, bool token) => new(new CapellaClientOptions
    {
        Endpoint = new Uri(emulator.BaseUri, "capella/"),
        ApiKey = token ? null : CapellaEmulator.DefaultApiKey,
        Username = token ? CapellaEmulator.DefaultUsername : null,
        Password = token ? CapellaEmulator.DefaultPassword : null,
        TimeProvider = emulator.Clock,
        TokenProviders = new SatDownload.Http.OAuth2TokenProviderRegistry(null, emulator.Clock),
        Retry = new SatDownload.Http.HttpRetryOptions { ProviderName = ProviderNames.Capella, MaxAttempts = 1 },
    });

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private sealed class InlineProgress(Action<ProviderTaskProgress> report) : IProgress<ProviderTaskProgress>
    {
        public void Report(ProviderTaskProgress value) => report(value);
    }
}
