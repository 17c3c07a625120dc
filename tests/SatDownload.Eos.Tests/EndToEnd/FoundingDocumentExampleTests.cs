using System.Net;
using System.Text;
using System.Text.Json;
using SatDownload.Eos.Assets;
using SatDownload.Eos.Models;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Tests.Infrastructure;

namespace SatDownload.Eos.Tests.EndToEnd;

/// <summary>The founding document's Step 1 request, sent unchanged, followed to a file on disk.</summary>
public sealed class FoundingDocumentExampleTests
{
    [Fact]
    public async Task Step1_request_sent_unchanged_is_accepted_and_followed_to_a_tif_on_disk()
    {
        await using var h = await EosHarness.StartAsync();
        var body = TestData.Read("step1-request.json");

        // Exactly as the curl in the document: POST, Content-Type text/plain, x-api-key header, body as is.
        using var raw = new HttpClient();
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(h.Endpoint, "api/gdw/api"))
        {
            Content = new StringContent(body, Encoding.UTF8, "text/plain"),
        };
        create.Headers.Add("x-api-key", Testing.Eos.EosEmulatorOptions.DefaultApiKey);
        using var response = await raw.SendAsync(create);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), EosJsonContext.Default.EosTaskCreated)!;
        Assert.Equal("created", created.Status);
        Assert.Equal(345600, created.TaskTimeoutSeconds);
        Assert.Equal(body, h.Eos.GetTask(created.TaskId!).RawRequest);

        // Step 2 with the SDK: rehydrate by id, wait in virtual time, download through the shared downloader.
        var sent = JsonSerializer.Deserialize(body, EosJsonContext.Default.EosGdwTaskBody)!;
        var client = h.CreateClient();
        var task = client.GetLoadByExtentTask(created.TaskId!, new EosLoadByExtentTaskInfo
        {
            ViewId = sent.Params!.ViewId,
            Bands = sent.Params.Bands!,
            Merge = sent.Params.Merge,
            Reference = sent.Params.Reference,
        });
        h.AutoAdvance();
        var status = await task.WaitForCompletionAsync();
        Assert.Equal(ProviderTaskStatus.Succeeded, status);
        Assert.Equal("success", task.ProviderStatus);

        var results = await client.DownloadResultsAsync(task, h.CreateDownloader(), h.Directory);
        var result = Assert.Single(results);
        Assert.True(result.Succeeded, result.Download.Exception?.ToString());
        Assert.Equal(EosResultType.Tif, result.Predicted!.Value.Type);
        Assert.Equal(EosResultType.Tif, result.ActualType);
        Assert.True(result.MatchesPrediction);
        Assert.EndsWith(Path.Combine("eos", task.Id, "result.tif"), result.FilePath, StringComparison.Ordinal);
        Assert.Equal(EosHarness.Sha256(h.Eos.GetResultBytes(task.Id)), EosHarness.Sha256File(result.FilePath!));
        Assert.Equal(result.Download.Sha256, EosHarness.Sha256File(result.FilePath!));
    }

    [Fact]
    public void Step1_example_response_parses_verbatim()
    {
        var created = JsonSerializer.Deserialize(TestData.Read("step1-response.json"), EosJsonContext.Default.EosTaskCreated)!;
        Assert.Equal("created", created.Status);
        Assert.Equal("71297461-aaa4-4f07-9b9e-9bf581df8f60", created.TaskId);
        Assert.Equal("bcf12444-90ff-4b27-b595-1d1d8298cd58", created.RequestId);
        Assert.Equal(345600, created.TaskTimeoutSeconds);
        Assert.Null(created.AdditionalProperties);
        Assert.Equal(ProviderTaskStatus.Running, EosTaskStatusMapper.Map(created.Status));
    }

    [Fact]
    public void Step1_example_request_parses_verbatim_into_the_wire_model()
    {
        var body = JsonSerializer.Deserialize(TestData.Read("step1-request.json"), EosJsonContext.Default.EosGdwTaskBody)!;
        Assert.Equal("lbe", body.Type);
        Assert.Null(body.CallbackUrl);
        Assert.Equal("S2/13/R/EL/2023/7/19/0", body.Params!.ViewId);
        Assert.Equal(["B02", "B03", "B04"], body.Params.Bands);
        Assert.True(body.Params.Merge);
        Assert.Equal("ref_datetime", body.Params.Reference);
        Assert.Equal("Polygon", body.Params.Geometry!.Type);
        var ring = Assert.Single(body.Params.Geometry.Coordinates);
        Assert.Equal(9, ring.Count);
        Assert.Equal(-104.87931347024973, ring[0][0]);
        Assert.Equal(27.166227117387663, ring[0][1]);
        Assert.Equal(ring[0], ring[8]);
        Assert.Null(body.AdditionalProperties);
        Assert.Null(body.Params.AdditionalProperties);
    }
}
