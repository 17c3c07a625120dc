using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SatDownload.Testing;

namespace SatDownload.Tests.Client;

/// <summary>
/// A tiny emulated ordering provider for the unified flow tests: <c>GET /fakesat/quote</c> prices an order,
/// <c>POST /fakesat/tasks</c> creates one, <c>GET /fakesat/tasks/{id}</c> reports it (done after <see cref="ReadyAfter"/>
/// of virtual time), <c>GET /fakesat/tasks/{id}/assets</c> lists two GeoTIFFs behind signed URLs.
/// </summary>
internal sealed class FakeSatEmulator : IEmulatedProvider
{
    public const string VisualBlob = "fakesat/scene-visual.tif";
    public const string AnalyticBlob = "fakesat/scene-analytic.tif";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _tasks = new(StringComparer.Ordinal);
    private int _next;

    public string Name => "fakesat";

    public string BasePath => "/fakesat";

    /// <summary>Virtual time from creation until a task is done.</summary>
    public TimeSpan ReadyAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The quoted cost per order, in credits.</summary>
    public decimal Quote { get; set; } = 12.5m;

    /// <summary>When true, tasks end as failed instead of done.</summary>
    public bool FailTasks { get; set; }

    public byte[] VisualBytes { get; private set; } = [];

    public byte[] AnalyticBytes { get; private set; } = [];

    public int CreatedTasks => _tasks.Count;

    public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator)
    {
        // Realistic imagery: georeferenced GeoTIFFs. The analytic one is large enough to interrupt mid-body.
        VisualBytes = new GeoTiffWriter { Width = 256, Height = 256, BandCount = 3, Extent = new GeoTiffExtent(13.3, 52.4, 13.5, 52.6) }.ToArray();
        AnalyticBytes = new GeoTiffWriter { Width = 1024, Height = 1024, BandCount = 2, Extent = new GeoTiffExtent(13.3, 52.4, 13.5, 52.6) }.ToArray();
        emulator.Blobs.Put(VisualBlob, VisualBytes, GeoTiffWriter.ContentType);
        emulator.Blobs.Put(AnalyticBlob, AnalyticBytes, GeoTiffWriter.ContentType);

        routes.MapGet("/quote", () => Results.Json(new Dictionary<string, object> { ["cost"] = Quote, ["unit"] = "credits" }));
        routes.MapPost("/tasks", () =>
        {
            var id = "task-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
            _tasks[id] = emulator.Clock.GetUtcNow();
            return Results.Json(new Dictionary<string, object> { ["id"] = id, ["status"] = "queued" }, statusCode: 201);
        });
        routes.MapGet("/tasks/{id}", (string id) =>
        {
            if (!_tasks.TryGetValue(id, out var created))
            {
                return Results.Json(new Dictionary<string, object> { ["error"] = "unknown task" }, statusCode: 404);
            }

            var elapsed = emulator.Clock.GetUtcNow() - created;
            var done = elapsed >= ReadyAfter;
            var status = done ? (FailTasks ? "failed" : "done") : "processing";
            var percent = done ? 100.0 : Math.Round(100.0 * elapsed / ReadyAfter, 1);
            return Results.Json(new Dictionary<string, object> { ["id"] = id, ["status"] = status, ["percent"] = percent });
        });
        routes.MapGet("/tasks/{id}/assets", (string id) =>
        {
            if (!_tasks.ContainsKey(id))
            {
                return Results.Json(new Dictionary<string, object> { ["error"] = "unknown task" }, statusCode: 404);
            }

            var ttl = TimeSpan.FromHours(2);
            object Asset(string key, string blob, byte[] bytes) => new Dictionary<string, object>
            {
                ["key"] = key,
                ["name"] = Path.GetFileName(blob),
                ["href"] = emulator.Blobs.GetSignedUrl(blob, ttl).ToString(),
                ["size"] = bytes.Length,
            };
            return Results.Json(new[] { Asset("visual", VisualBlob, VisualBytes), Asset("analytic", AnalyticBlob, AnalyticBytes) });
        });
    }

    public static JsonElement ParseBody(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
