using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SatDownload.Testing;

namespace SatDownload.Reliability.Tests.Crash;

/// <summary>
/// The FakeSat wire contract (tests/SatDownload.Tests/Client/FakeSatEmulator.cs: quote, tasks, task status, asset list
/// behind signed URLs) with a multi-asset set of generated files, so the crash host's <c>FakeSatProvider</c> talks to it
/// unchanged. Tasks are done at once (the child polls in real time) and every task creation is counted.
/// </summary>
internal sealed class CrashSatEmulator : IEmulatedProvider
{
    private readonly (string Key, int Size)[] _assets;
    private int _created;

    public CrashSatEmulator(IEnumerable<(string Key, int Size)> assets) => _assets = assets.ToArray();

    public string Name => "fakesat";

    public string BasePath => "/fakesat";

    /// <summary>How many tasks were created (POST /fakesat/tasks).</summary>
    public int CreatedTasks => Volatile.Read(ref _created);

    /// <summary>The blob name of an asset key.</summary>
    public static string BlobOf(string key) => "fakesat/crash-" + key + ".tif";

    public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator)
    {
        var seed = 1;
        foreach (var (key, size) in _assets)
        {
            emulator.Blobs.PutGenerated(BlobOf(key), size, seed++, "image/tiff");
        }

        routes.MapGet("/quote", () => Results.Json(new Dictionary<string, object> { ["cost"] = 1m, ["unit"] = "credits" }));
        routes.MapPost("/tasks", () =>
        {
            var id = "task-" + Interlocked.Increment(ref _created).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new Dictionary<string, object> { ["id"] = id, ["status"] = "queued" }, statusCode: 201);
        });
        routes.MapGet("/tasks/{id}", (string id) => Results.Json(new Dictionary<string, object> { ["id"] = id, ["status"] = "done", ["percent"] = 100.0 }));
        routes.MapGet("/tasks/{id}/assets", (string id) => Results.Json(_assets.Select(a => new Dictionary<string, object>
        {
            ["key"] = a.Key,
            ["name"] = a.Key + ".tif",
            ["href"] = emulator.Blobs.GetSignedUrl(BlobOf(a.Key), TimeSpan.FromHours(2)).ToString(),
            ["size"] = a.Size,
        }).ToArray()));
    }
}
