using System.Text.Json;
using SatDownload.Eos.Models;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tests.Infrastructure;

namespace SatDownload.Eos.Tests.Search;

/// <summary>Scene search against the emulator: paging, filters, sorting, the multi-dataset form.</summary>
public sealed class SceneSearchTests
{
    private static EosSceneSearchRequest July(params string[] datasets) => new()
    {
        Datasets = datasets,
        Aoi = EosHarness.Square(),
        From = new DateOnly(2023, 7, 1),
        To = new DateOnly(2023, 7, 31),
    };

    [Fact]
    public async Task Pages_are_followed_until_a_short_page_and_scenes_are_typed()
    {
        await using var h = await EosHarness.StartAsync();
        h.AutoAdvance();
        var scenes = await h.CreateClient().SearchScenesAsync(new EosSceneSearchRequest
        {
            Datasets = ["sentinel2"],
            Aoi = EosHarness.Square(),
            From = new DateOnly(2023, 7, 1),
            To = new DateOnly(2023, 7, 31),
            PageSize = 4,
        }).ToListAsync();

        Assert.Equal(6, scenes.Count);
        Assert.Equal("S2/13/R/EL/2023/7/29/0", scenes[0].ViewId);
        Assert.Equal("S2B_tile_20230729_13REL_0", scenes[0].SceneId);
        Assert.Equal(new DateTimeOffset(2023, 7, 29, 0, 0, 0, TimeSpan.Zero), scenes[0].AcquiredAt);
        Assert.Equal(25.3, scenes[0].CloudCoverage);
        Assert.Equal("S2", scenes[0].Sensor);
        Assert.Equal(61.5, scenes[0].AdditionalProperties!["sunElevation"].GetDouble());
        Assert.Equal(scenes.OrderByDescending(s => s.Date, StringComparer.Ordinal).Select(s => s.ViewId), scenes.Select(s => s.ViewId));

        var calls = h.EosRequests();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("/eos/api/lms/search/v2/sentinel2", c.Path));
        using var second = JsonDocument.Parse(calls[1].RequestBody!);
        Assert.Equal(2, second.RootElement.GetProperty("page").GetInt32());
        Assert.Equal(4, second.RootElement.GetProperty("limit").GetInt32());
        Assert.Equal("2023-07-01", second.RootElement.GetProperty("search").GetProperty("date").GetProperty("from").GetString());
        Assert.Equal("Polygon", second.RootElement.GetProperty("search").GetProperty("shape").GetProperty("type").GetString());
        Assert.Equal("desc", second.RootElement.GetProperty("sort").GetProperty("date").GetString());
        Assert.Equal(TimeSpan.FromSeconds(6), calls[1].Timestamp - calls[0].Timestamp);
    }

    [Fact]
    public async Task Cloud_cover_sort_and_max_results_are_applied()
    {
        await using var h = await EosHarness.StartAsync();
        var request = new EosSceneSearchRequest
        {
            Datasets = ["sentinel2"],
            Aoi = EosHarness.Square(),
            From = new DateOnly(2023, 7, 1),
            To = new DateOnly(2023, 7, 31),
            MaxCloudCoverage = 30,
            SortBy = "cloudCoverage",
            SortDescending = false,
            MaxResults = 2,
            Fields = ["sceneID", "cloudCoverage"],
        };
        var scenes = await h.CreateClient().SearchScenesAsync(request).ToListAsync();
        Assert.Equal(["S2/13/R/EL/2023/7/19/0", "S2/13/R/EL/2023/7/9/0"], scenes.Select(s => s.ViewId));
        using var body = JsonDocument.Parse(Assert.Single(h.EosRequests()).RequestBody!);
        Assert.Equal(30, body.RootElement.GetProperty("search").GetProperty("cloudCoverage").GetProperty("to").GetDouble());
        Assert.Equal(["sceneID", "cloudCoverage", "view_id"], body.RootElement.GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Several_datasets_use_the_multi_dataset_endpoint()
    {
        await using var h = await EosHarness.StartAsync();
        var scenes = await h.CreateClient().SearchScenesAsync(July("sentinel2", "landsat8")).ToListAsync();
        Assert.Equal(7, scenes.Count);
        Assert.Contains(scenes, s => s.Sensor == "L8" && s.Dataset == "landsat8");
        var call = Assert.Single(h.EosRequests());
        Assert.Equal("/eos/api/lms/search/v2", call.Path);
        using var body = JsonDocument.Parse(call.RequestBody!);
        Assert.Equal(["sentinel2", "landsat8"], body.RootElement.GetProperty("search").GetProperty("satellites").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_emulator_refuses_a_search_without_date_or_shape()
    {
        await using var h = await EosHarness.StartAsync();
        using var http = new HttpClient();
        foreach (var (body, expected) in new[] { ("{\"search\":{\"shape\":{}}}", "search.date is required."), ("{\"search\":{\"date\":{\"from\":\"2023-07-01\"}}}", "search.shape is required.") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(h.Endpoint, "api/lms/search/v2/sentinel2?api_key=" + Testing.Eos.EosEmulatorOptions.DefaultApiKey))
            {
                Content = new StringContent(body),
            };
            using var response = await http.SendAsync(request);
            Assert.Equal(400, (int)response.StatusCode);
            Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_search_response_with_unknown_fields_parses()
    {
        const string json = """{"meta":{"found":1},"results":[{"view_id":"L8/LC80110312016028LGN00","sceneID":"LC80110312016028LGN00","date":"2016-01-28","cloudCoverage":"12.5","tms":"x"}]}""";
        var page = JsonSerializer.Deserialize(json, EosJsonContext.Default.EosSearchResponse)!;
        var scene = Assert.Single(page.Results);
        Assert.Equal(12.5, scene.CloudCoverage);
        Assert.Equal("L8", scene.Sensor);
        Assert.True(page.AdditionalProperties!.ContainsKey("meta"));
        Assert.True(scene.AdditionalProperties!.ContainsKey("tms"));
    }
}
