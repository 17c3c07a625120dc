using SatDownload.ClearSky;
using SatDownload.ClearSky.Unified;
using SatDownload.Http;
using SatDownload.Reliability.Tests.Faults;
using SatDownload.Testing;
using SatDownload.Testing.ClearSky;

namespace SatDownload.Reliability.Tests.HostileInput;

/// <summary>
/// Every typed response the ClearSKY client reads (account info, models, date search, availability, estimate), served
/// broken: truncated, wrong types, missing fields, huge numbers, empty, HTML, wrong JSON kinds, failure envelopes
/// without an error. Each ends in a <see cref="ProviderRequestException"/> that names ClearSKY, the call and what was
/// wrong; never another exception type. ClearSKY has no task status to poll (its flows are synchronous), so the
/// "unknown status" case does not arise; unknown fields are tolerated (the last test).
/// </summary>
public sealed class ClearSkyHostileResponseTests
{
    private const string Api = "/clearsky/api/";

    public static readonly IReadOnlyDictionary<string, (string Path, string Operation)> Calls = new Dictionary<string, (string, string)>
    {
        ["account"] = (Api + "account/info", "GET /api/account/info"),
        ["models"] = (Api + "tasking/models", "GET /api/tasking/models"),
        ["dates"] = (Api + "satelliteimages/search/available", "POST /api/satelliteimages/search/available"),
        ["available"] = (Api + "satelliteimages/process/composite/available", "POST /api/satelliteimages/process/composite/available"),
        ["estimate"] = (Api + "satelliteimages/process/composite/estimate", "POST /api/satelliteimages/process/composite/estimate"),
    };

    /// <summary>Bodies every call must refuse, with the words the message must contain to say what was wrong.</summary>
    private static readonly IReadOnlyDictionary<string, (int Status, string Body, string ContentType, string Cause)> Generic = new Dictionary<string, (int, string, string, string)>
    {
        ["truncated JSON"] = (200, "{\"Succeeded\":true,\"Error\":null,\"Data\":{\"A\":", "application/json", "JSON"),
        ["empty body"] = (200, string.Empty, "application/json", "JSON"),
        ["HTML page with 200"] = (200, "<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>", "text/html", "html"),
        ["HTML error page 502 for good"] = (502, "<html><body>502 Bad Gateway</body></html>", "text/html", "502"),
        ["JSON array"] = (200, "[1,2,3]", "application/json", "JSON"),
        ["JSON null"] = (200, "null", "application/json", "JSON"),
        ["envelope flag of the wrong type"] = (200, "{\"Succeeded\":\"yes\",\"Error\":null,\"Data\":{}}", "application/json", "Succeeded"),
        ["Data of the wrong type"] = (200, "{\"Succeeded\":true,\"Error\":null,\"Data\":\"ready\"}", "application/json", "Data"),
        ["success without Data"] = (200, "{\"Succeeded\":true,\"Error\":null}", "application/json", "no Data"),
        ["failure without an error"] = (200, "{\"Succeeded\":false,\"Error\":null,\"Data\":null}", "application/json", "without an error message"),
        ["error code of the wrong type"] = (400, "{\"Succeeded\":false,\"Error\":{\"Message\":\"bad\",\"Code\":\"ten\"},\"Data\":null}", "application/json", "400"),
    };

    /// <summary>Bodies with broken typed fields, per call.</summary>
    private static readonly IReadOnlyList<(string Call, string Name, string Data, string Cause)> Typed =
    [
        ("account", "MaxTotalBands as text", "{\"MaxTotalBands\":\"twenty\"}", "MaxTotalBands"),
        ("account", "MaxTotalBands beyond Int32", "{\"MaxTotalBands\":99999999999999999999}", "MaxTotalBands"),
        ("account", "MaxCompositeAreaKm2 beyond double", "{\"MaxCompositeAreaKm2\":1e999}", "MaxCompositeAreaKm2"),
        ("models", "TaskingModels as an object", "{\"TaskingModels\":{\"Model\":\"Stratus2\"}}", "TaskingModels"),
        ("models", "Model name as a number", "{\"TaskingModels\":[{\"Model\":42,\"SupportedSatelliteConstellations\":[]}]}", "Model"),
        ("dates", "a date that does not exist", "{\"ModelImageDates\":[{\"Model\":\"Stratus2\",\"SatelliteConstellations\":[],\"DatesByGeog\":[{\"Wkt\":\"POINT (1 1)\",\"Dates\":[\"2024-13-45\"]}]}]}", "Dates"),
        ("dates", "ModelImageDates as text", "{\"ModelImageDates\":\"none\"}", "ModelImageDates"),
        ("available", "FullyAvailable as text", "{\"FullyAvailable\":\"yes\",\"DataAvailableForUser\":true,\"OrdersCoverPolygon\":true}", "FullyAvailable"),
        ("available", "readiness flags missing", "{\"IntersectedActiveZones\":[]}", "FullyAvailable"),
        ("available", "UTM codes beyond Int32", "{\"FullyAvailable\":true,\"DataAvailableForUser\":true,\"OrdersCoverPolygon\":true,\"IntersectedActiveZonesUtmEpsg\":[1e30]}", "IntersectedActiveZonesUtmEpsg"),
        ("estimate", "CreditEstimate as text", "{\"AreaEstimateKm2\":12.5,\"CreditEstimate\":\"cheap\"}", "CreditEstimate"),
        ("estimate", "CreditEstimate beyond decimal", "{\"AreaEstimateKm2\":12.5,\"CreditEstimate\":1e999}", "CreditEstimate"),
        ("estimate", "AreaEstimateKm2 beyond double", "{\"AreaEstimateKm2\":1e999,\"CreditEstimate\":1}", "AreaEstimateKm2"),
    ];

    public static TheoryData<string, string> GenericCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var call in Calls.Keys)
        {
            foreach (var name in Generic.Keys)
            {
                data.Add(call, name);
            }
        }

        return data;
    }

    public static TheoryData<string, string> TypedCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (call, name, _, _) in Typed)
        {
            data.Add(call, name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GenericCases))]
    public async Task Broken_response_is_a_typed_error_naming_ClearSky_the_call_and_the_cause(string call, string name)
    {
        var (status, body, contentType, cause) = Generic[name];
        await AssertRefusedAsync(call, status, body, contentType, cause);
    }

    [Theory]
    [MemberData(nameof(TypedCases))]
    public async Task Broken_typed_field_is_a_typed_error_naming_the_field(string call, string name)
    {
        var (_, _, data, cause) = Typed.Single(t => t.Call == call && t.Name == name);
        await AssertRefusedAsync(call, 200, "{\"Succeeded\":true,\"Error\":null,\"Data\":" + data + "}", "application/json", cause);
    }

    [Fact]
    public async Task Estimate_without_any_cost_field_is_refused_by_the_unified_flow_before_the_paid_request()
    {
        await using var env = await StartAsync();
        env.Emulator.Faults.On(Calls["estimate"].Path).RespondWithStatus(200, int.MaxValue, body: "{\"Succeeded\":true,\"Error\":null,\"Data\":{\"AreaEstimateKm2\":12.5}}");
        var options = new SatDownloadClientOptions();
        options.Providers.Add(new ClearSkyImageryProvider(env.Client));
        using var destination = new Support.TempDirectory();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => new SatDownloadClient(options).DownloadAsync(ClearSkyFlow.CompositeRequest(), destination.Path));

        Assert.Equal(ProviderNames.ClearSky, ex.Provider);
        Assert.Equal(Calls["estimate"].Operation, ex.Operation);
        Assert.Contains("CreditEstimate", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(env.Emulator.Requests.Snapshot(), r => r.Path == ClearSkyFlow.CompositePath);
    }

    [Fact]
    public async Task Unknown_fields_and_values_are_tolerated()
    {
        await using var env = await StartAsync();
        env.Emulator.Faults.On(Calls["models"].Path).RespondWithStatus(200, int.MaxValue, body:
            "{\"Succeeded\":true,\"Error\":null,\"Future\":{\"x\":[1,2]},\"Data\":{\"TaskingModels\":[{\"Model\":\"Cirrus9\",\"Tier\":\"gold\",\"SupportedSatelliteConstellations\":[{\"SatelliteConstellation\":\"Pleiades\",\"Optional\":true,\"Weight\":1e300}]}],\"NextModels\":null}}");
        env.Emulator.Faults.On(Calls["estimate"].Path).RespondWithStatus(200, int.MaxValue, body:
            "{\"Succeeded\":true,\"Error\":null,\"Data\":{\"AreaEstimateKm2\":12.5,\"ProcessingUnits\":3.25,\"RuntimeEstimateSeconds\":99999999999999999999999,\"SizeEstimateBytes\":\"big\"}}");

        var models = await env.Client.GetModelsAsync();
        var estimate = await env.Client.EstimateAsync(ClearSkyFlow.CompositeRequest().Request);

        Assert.Equal("Cirrus9", Assert.Single(models.TaskingModels).Model);
        Assert.Equal(new CostEstimate(3.25m, ClearSkyEstimate.CostUnit), estimate.Cost);
        Assert.True(estimate.AdditionalProperties!.ContainsKey("SizeEstimateBytes"));
    }

    private static async Task AssertRefusedAsync(string call, int status, string body, string contentType, string cause)
    {
        await using var env = await StartAsync();
        var (path, operation) = Calls[call];
        env.Emulator.Faults.On(path).RespondWithStatus(status, int.MaxValue, body: body.Length == 0 ? null : body, contentType: contentType);

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => CallAsync(env.Client, call));

        Assert.Equal(ProviderNames.ClearSky, ex.Provider);
        Assert.Equal(operation, ex.Operation);
        Assert.Contains("clearsky", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(operation, ex.Message, StringComparison.Ordinal);
        Assert.Contains(cause, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(ex.Message.Length < 2_000, "the message is not readable: " + ex.Message.Length + " characters");
    }

    private static async Task CallAsync(ClearSkyClient client, string call)
    {
        var composite = ClearSkyFlow.CompositeRequest().Request;
        switch (call)
        {
            case "account":
                await client.GetAccountInfoAsync();
                break;
            case "models":
                await client.GetModelsAsync();
                break;
            case "dates":
                await client.SearchAvailableDatesAsync(new ClearSkyDateSearchRequest { Wkt = composite.Wkt, From = composite.Date.AddDays(-10), Until = composite.Date });
                break;
            case "available":
                await client.CheckAvailabilityAsync(composite);
                break;
            default:
                await client.EstimateAsync(composite);
                break;
        }
    }

    private static async Task<Env> StartAsync()
    {
        var clearSky = new ClearSkyEmulator();
        var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { Providers = { clearSky } });
        var client = new ClearSkyClient(new ClearSkyClientOptions
        {
            Endpoint = emulator.GetProviderUri<ClearSkyEmulator>(),
            ApiKey = clearSky.Options.ApiKey,
            RateLimiterRegistry = new RateLimiterRegistry(),
            Retry = new HttpRetryOptions { ProviderName = ProviderNames.ClearSky, MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(10), Jitter = false, RetryNonIdempotentMethods = true },
        });
        return new Env(emulator, client);
    }

    private sealed record Env(ProviderEmulator Emulator, ClearSkyClient Client) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
