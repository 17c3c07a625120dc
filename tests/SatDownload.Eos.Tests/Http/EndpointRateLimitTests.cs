using SatDownload.Eos.Http;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;

namespace SatDownload.Eos.Tests.Http;

/// <summary>Endpoints with differing limits (<see cref="EosClientOptions.EndpointRequestsPerMinute"/>), on the virtual clock.</summary>
public sealed class EndpointRateLimitTests
{
    [Fact]
    public async Task Each_endpoint_is_spaced_by_its_own_limit()
    {
        await using var h = await EosHarness.StartAsync(o => o.RequestsPerMinute = 1000);
        var client = h.CreateClient(o =>
        {
            o.EndpointRequestsPerMinute[EosEndpoints.SearchDataset] = 30;
            o.EndpointRequestsPerMinute[EosEndpoints.TaskStatus] = 5;
        });
        var task = await client.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04"], Aoi = EosHarness.Square() });

        var searches = Enumerable.Range(0, 4).Select(async _ =>
        {
            var found = 0;
            await foreach (var scene in client.SearchScenesAsync(new EosSceneSearchRequest
            {
                Datasets = ["sentinel2"],
                Aoi = EosHarness.Square(),
                From = new DateOnly(2023, 7, 1),
                To = new DateOnly(2023, 7, 31),
                MaxResults = 1,
            }))
            {
                found++;
            }

            return found;
        }).ToList();
        var polls = Enumerable.Range(0, 4).Select(_ => client.GetLoadByExtentTask(task.Id).UpdateStatusAsync()).ToList();

        // One virtual second at a time; before moving on, the calls due by then (2 s and 12 s apart) must have reached
        // the emulator, so each is stamped with the second it was released in.
        int Searches() => h.EosRequests().Count(r => r.Path.StartsWith("/eos/api/lms/search/v2", StringComparison.Ordinal));
        int Statuses() => h.EosRequests().Count(r => r.Method == "GET" && r.Path.StartsWith("/eos/api/gdw/api/", StringComparison.Ordinal));
        for (var second = 0; second <= 36; second++)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while ((Searches() < Math.Min(4, (second / 2) + 1) || Statuses() < Math.Min(4, (second / 12) + 1)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAll(searches);
        await Task.WhenAll(polls);

        static List<DateTimeOffset> Times(IEnumerable<SatDownload.Testing.RequestLogEntry> entries) => entries.Select(r => r.Timestamp).Order().ToList();
        var searchTimes = Times(h.EosRequests().Where(r => r.Path.StartsWith("/eos/api/lms/search/v2", StringComparison.Ordinal)));
        var statusTimes = Times(h.EosRequests().Where(r => r.Method == "GET" && r.Path.StartsWith("/eos/api/gdw/api/", StringComparison.Ordinal)));
        Assert.Equal(4, searchTimes.Count);
        Assert.Equal(4, statusTimes.Count);

        // 30 a minute: 2 s apart; 5 a minute: 12 s apart; EOS never answered 429.
        Assert.All(searchTimes.Zip(searchTimes.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(2), p.Second - p.First));
        Assert.All(statusTimes.Zip(statusTimes.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(12), p.Second - p.First));
        Assert.Equal(0, h.Eos.RateLimitedCount);
    }

    [Fact]
    public async Task An_endpoint_can_be_left_unlimited_while_the_others_keep_the_default()
    {
        await using var h = await EosHarness.StartAsync(o => o.RequestsPerMinute = 1000);
        var client = h.CreateClient(o => o.EndpointRequestsPerMinute[EosEndpoints.TaskStatus] = 0);
        var task = await client.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04"], Aoi = EosHarness.Square() });

        // Without auto-advance: five status calls go out at once, with no virtual time passing.
        var start = h.Clock.GetUtcNow();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetLoadByExtentTask(task.Id).UpdateStatusAsync()));
        Assert.Equal(start, h.Clock.GetUtcNow());

        // Creation keeps the default 10 a minute: the second create waits for the clock.
        var second = client.CreateLoadByExtentTaskAsync(new EosLoadByExtentRequest { ViewId = "S2/13/R/EL/2023/7/19/0", Bands = ["B04"], Aoi = EosHarness.Square() });
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        h.Clock.Advance(TimeSpan.FromSeconds(6));
        await second;
    }

    [Theory]
    [InlineData("GET /api/unknown", 5, "unknown endpoint 'GET /api/unknown'")]
    [InlineData(EosEndpoints.CreateTask, -1, "must be 0 (off) or positive")]
    public void Bad_endpoint_limits_are_refused_naming_the_option(string endpoint, int limit, string problem)
    {
        var options = new EosClientOptions { ApiKey = "apk.test" };
        options.EndpointRequestsPerMinute[endpoint] = limit;

        var ex = Assert.Throws<ArgumentException>(() => new EosClient(options));

        Assert.Equal(nameof(EosClientOptions.EndpointRequestsPerMinute), ex.ParamName);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Contains("EosClientOptions.EndpointRequestsPerMinute", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clone_copies_the_endpoint_limits()
    {
        var options = new EosClientOptions { ApiKey = "apk.test" };
        options.EndpointRequestsPerMinute[EosEndpoints.SearchDataset] = 30;
        var copy = options.Clone();
        copy.EndpointRequestsPerMinute[EosEndpoints.SearchDataset] = 1;
        Assert.Equal(30, options.EndpointRequestsPerMinute[EosEndpoints.SearchDataset]);
        Assert.Equal(4, EosEndpoints.All.Count);
    }
}
