using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace SatDownload.Tests.Client;

/// <summary>An <see cref="ImageryProvider"/> over <see cref="FakeSatEmulator"/>, written the way adapters will be.</summary>
internal sealed class FakeSatProvider(HttpClient http, Uri baseUri, TimeProvider timeProvider) : ImageryProvider
{
    public override string Name => "fakesat";

    public override TaskPollingOptions DefaultPolling { get; } = new() { InitialInterval = TimeSpan.FromSeconds(30), MaxInterval = TimeSpan.FromMinutes(2) };

    public override bool CanHandle(ImageryRequest request) => request is FakeSatRequest;

    public override async Task<CostEstimate?> EstimateCostAsync(ImageryRequest request, CancellationToken cancellationToken = default)
    {
        using var body = await GetJsonAsync("quote", cancellationToken);
        var root = body.RootElement;
        return new CostEstimate(root.GetProperty("cost").GetDecimal(), root.GetProperty("unit").GetString()!);
    }

    public override async Task<ProviderTask> StartTaskAsync(ImageryRequest request, CancellationToken cancellationToken = default)
    {
        var order = (FakeSatRequest)request;
        using var response = await http.PostAsJsonAsync(new Uri(baseUri, "tasks"), new Dictionary<string, object> { ["scene"] = order.Scene }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderRequestException(new ProviderErrorDetails { Provider = Name, Operation = "POST tasks", Status = (int)response.StatusCode, Message = "order refused" });
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return new FakeSatTask(this, body.RootElement.GetProperty("id").GetString()!, timeProvider);
    }

    public override Task<ProviderTask> GetTaskAsync(ImageryRequest request, string taskId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ProviderTask>(new FakeSatTask(this, taskId, timeProvider));

    /// <summary>A post-download step for the tests of that hook; none (the base class's default) when null.</summary>
    public Func<DownloadResult, CancellationToken, Task<DownloadResult>>? ProcessStep { get; init; }

    public override Task<DownloadResult> ProcessDownloadedFileAsync(DownloadResult result, CancellationToken cancellationToken = default) =>
        ProcessStep is { } step ? step(result, cancellationToken) : base.ProcessDownloadedFileAsync(result, cancellationToken);

    internal async Task<JsonDocument> GetJsonAsync(string relative, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(baseUri, relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ProviderRequestException(new ProviderErrorDetails { Provider = Name, Operation = "GET " + relative, Status = (int)response.StatusCode, Message = "request failed" });
        }

        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private sealed class FakeSatTask(FakeSatProvider owner, string id, TimeProvider timeProvider) : ProviderTask("fakesat", id, timeProvider)
    {
        public override string Kind => "scene-order";

        public override async IAsyncEnumerable<ImageryAsset> GetAssetsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using var body = await owner.GetJsonAsync($"tasks/{Id}/assets", cancellationToken);
            var footprint = new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(new Envelope(13.3, 13.5, 52.4, 52.6));
            foreach (var item in body.RootElement.EnumerateArray())
            {
                var key = item.GetProperty("key").GetString()!;
                yield return new ImageryAsset
                {
                    Provider = "fakesat",
                    ProductId = "scene-S1",
                    AssetKey = key,
                    Title = key == "visual" ? "True colour" : "Analytic bands",
                    MediaType = "image/tiff; application=geotiff",
                    Roles = key == "visual" ? [AssetRoles.Visual, AssetRoles.Data] : [AssetRoles.Data],
                    Href = new Uri(item.GetProperty("href").GetString()!),
                    Size = item.GetProperty("size").GetInt64(),
                    SuggestedFileName = item.GetProperty("name").GetString(),
                    Attribution = "© FakeSat 2026",
                    Footprint = footprint,
                    AcquiredAt = new DateTimeOffset(2026, 6, 1, 10, 30, 0, TimeSpan.Zero),
                };
            }
        }

        protected override async ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken)
        {
            using var body = await owner.GetJsonAsync("tasks/" + Id, cancellationToken);
            var status = body.RootElement.GetProperty("status").GetString();
            return new ProviderTaskState
            {
                Status = status switch
                {
                    "done" => ProviderTaskStatus.Succeeded,
                    "failed" => ProviderTaskStatus.Failed,
                    "processing" => ProviderTaskStatus.Running,
                    _ => ProviderTaskStatus.Pending,
                },
                ProviderStatus = status,
                PercentComplete = body.RootElement.GetProperty("percent").GetDouble(),
                Message = status == "failed" ? "the scene is cloudy" : null,
            };
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"fakesat task {Id}");
    }
}
