using System.Text.Json;
using System.Text.Json.Nodes;
using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;

namespace SatDownload.SentinelHub.Tests.Models;

public sealed class FoundingDocumentExampleTests
{
    private static T Parse<T>(string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(FoundingExample.ToJson(name), info)!;

    [Fact]
    public void Process_request_example_parses_and_round_trips_without_losing_fields()
    {
        var json = FoundingExample.ToJson("process-request");
        var request = JsonSerializer.Deserialize(json, SentinelHubJsonContext.Default.ProcessRequest)!;

        Assert.Equal([13.822174072265625, 45.85080395917834, 14.55963134765625, 46.29191774991382], request.Input.Bounds!.Bbox);
        Assert.Equal("Polygon", request.Input.Bounds.Geometry!.Value.GetProperty("type").GetString());
        var data = Assert.Single(request.Input.Data);
        Assert.Equal("sentinel-2-l1c", data.Type);
        Assert.Equal("mostRecent", data.DataFilter!.MosaickingOrder);
        Assert.Equal("DETAIL", data.DataFilter.PreviewMode);
        Assert.Equal(new DateTimeOffset(2018, 10, 1, 0, 0, 0, TimeSpan.Zero), data.DataFilter.TimeRange!.From);
        Assert.True(data.Processing!.HarmonizeValues);
        Assert.Equal(512, request.Output!.Width);
        Assert.Equal("<identifier>", request.Output.Responses![0].Identifier);

        var back = JsonSerializer.Serialize(request, SentinelHubJsonContext.Default.ProcessRequest);
        Assert.True(JsonEquivalence.Equivalent(JsonNode.Parse(json), JsonNode.Parse(back)), back);
    }

    [Fact]
    public void Catalog_examples_parse()
    {
        var post = Parse("catalog-search-post-response", SentinelHubJsonContext.Default.CatalogFeatureCollection);
        var item = Assert.Single(post.Features);
        Assert.Equal("S2B_MSIL2A_20201229T101329_N0214_R022_T33TUK_20201229T115442", item.Id);
        Assert.Equal(93.93, item.CloudCover);
        Assert.Equal(32633, item.ProjEpsg);
        Assert.Equal(new DateTimeOffset(2020, 12, 29, 10, 18, 19, TimeSpan.Zero), item.Datetime);
        Assert.Equal(1, post.Context!.Next);
        var next = post.Links!.Single(l => l.Rel == "next");
        Assert.Equal("POST", next.Method);
        Assert.True(next.Merge);
        Assert.Equal(1, next.Body!.Value.GetProperty("next").GetInt32());

        var get = Parse("catalog-search-get-response", SentinelHubJsonContext.Default.CatalogFeatureCollection);
        Assert.Equal(1, get.Context!.Returned);

        var items = Parse("catalog-items", SentinelHubJsonContext.Default.CatalogFeatureCollection);
        Assert.Equal(1, items.NumberReturned);
        Assert.Equal("s3://sentinel-s2-l2a/tiles/33/T/UK/2020/12/29/0/", items.Features[0].Assets!["data"].Href);

        var single = Parse("catalog-item", SentinelHubJsonContext.Default.CatalogItem);
        Assert.Equal("sentinel-2-l2a", single.Collection);
        Assert.Empty(CatalogAssetConverter.ToAssets(single)); // a folder on s3 is not a downloadable file

        var request = Parse("catalog-search-post-request", SentinelHubJsonContext.Default.CatalogSearchRequest);
        Assert.Equal(["sentinel-2-l2a"], request.Collections);
        Assert.Equal("cql2-json", request.FilterLang);
        Assert.Equal(">", request.Filter!.Value.GetProperty("op").GetString());
        Assert.Equal(["geometry", "links", "assets"], request.Fields!.Exclude);

        var collections = Parse("catalog-collections", SentinelHubJsonContext.Default.CatalogCollectionList);
        Assert.Contains(collections.Collections, c => c.Id == "sentinel-1-grd");
        var collection = Parse("catalog-collection", SentinelHubJsonContext.Default.CatalogCollection);
        Assert.False(string.IsNullOrEmpty(collection.Id));
        var landing = Parse("catalog-landing", SentinelHubJsonContext.Default.CatalogCollection);
        Assert.Equal("sentinel-hub", landing.Id);
    }

    [Fact]
    public void Async_batch_and_statistical_examples_parse()
    {
        var async = Parse("async-request", SentinelHubJsonContext.Default.ProcessRequest);
        Assert.Equal("string", async.Output!.Delivery!.S3!.SecretAccessKey);
        Assert.Equal("string", async.EvalscriptReference!.S3!.IamRoleArn);
        Assert.Equal("RUNNING", Parse("async-response", SentinelHubJsonContext.Default.AsyncProcessStatus).Status);
        Assert.Equal("RUNNING", Parse("async-status", SentinelHubJsonContext.Default.AsyncProcessStatus).Status);

        // The founding document shows Batch v1 objects; the v2 models read them and keep the v1-only fields.
        var create = Parse("batch-create-request", SentinelHubJsonContext.Default.BatchProcessRequest);
        Assert.Equal("image/tiff", create.ProcessRequest.Output!.Responses![0].Format!.Type);
        Assert.True(create.AdditionalProperties!.ContainsKey("tilingGrid"));
        var task = Parse("batch-task", SentinelHubJsonContext.Default.BatchProcessTask);
        Assert.Equal("497f6eca-6276-4993-bfeb-53cbbbba6f08", task.Id);
        Assert.Equal("CREATED", task.Status);
        Assert.Equal(ProviderTaskStatus.Pending, SentinelHubStatusMapping.MapBatch(task.Status));
        var list = Parse("batch-list", SentinelHubJsonContext.Default.ViewPageBatchProcessTask);
        Assert.Equal("string", list.Links!.NextToken);
        Assert.Single(list.Data);

        var grids = Parse("tiling-grids", SentinelHubJsonContext.Default.ViewPageTilingGrid);
        Assert.Equal("METRE", grids.Data[0].Properties!.Unit);
        Assert.Equal(0, Parse("tiling-grid", SentinelHubJsonContext.Default.TilingGrid).Id);

        var stat = Parse("statistical-request", SentinelHubJsonContext.Default.StatisticalRequest);
        Assert.Equal("SKIP", stat.Aggregation.AggregationInterval!.LastIntervalBehavior);
        Assert.Equal(2, stat.Calculations!.Count);
        Assert.Equal(2, stat.Calculations["output name1"].Histograms!.Count);
        var response = Parse("statistical-response", SentinelHubJsonContext.Default.StatisticalResponse);
        var interval = Assert.Single(response.Data);
        Assert.Equal("BAD_REQUEST", interval.Error!.Type);
        Assert.False(interval.Error.IsRetryable);
        Assert.Null(interval.Outputs!["output name1"].Bands["band name1"].Histogram!.Bins[0].LowEdge);
        Assert.Equal(0, interval.Outputs["output name1"].Bands["band name1"].Stats!.Percentiles!["percentile [0,1]1"]);

        var batchStat = Parse("batch-statistical-request", SentinelHubJsonContext.Default.BatchStatisticalRequest);
        Assert.Equal("string", batchStat.Input.Features!.S3!.Url);
        var batchStatTask = Parse("batch-statistical-task", SentinelHubJsonContext.Default.BatchStatisticalTask);
        Assert.Equal("OUT_OF_PU", batchStatTask.StoppedStatusReason);
        Assert.Equal(0, batchStatTask.CostPu);
    }

    [Fact]
    public void Error_example_decodes_to_code_and_message()
    {
        var d = SentinelHubErrorDecoder.Decode(400, FoundingExample.ToJson("error"), "process", null, null, DateTimeOffset.UnixEpoch);
        Assert.Equal("COMMON_BAD_PAYLOAD", d.ErrorCode);
        Assert.Equal("string", d.Message);
        Assert.False(d.IsRetryable);
    }
}
