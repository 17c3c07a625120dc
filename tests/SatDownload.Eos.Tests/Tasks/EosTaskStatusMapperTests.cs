using SatDownload.Eos.Models;
using SatDownload.Eos.Tasks;

namespace SatDownload.Eos.Tests.Tasks;

public sealed class EosTaskStatusMapperTests
{
    [Theory]
    [InlineData("created", ProviderTaskStatus.Running, true)]
    [InlineData("authentication", ProviderTaskStatus.Running, true)]
    [InlineData("pending", ProviderTaskStatus.Running, true)]
    [InlineData("started", ProviderTaskStatus.Running, true)]
    [InlineData("running", ProviderTaskStatus.Running, true)]
    [InlineData("SUCCESS", ProviderTaskStatus.Succeeded, true)]
    [InlineData("success", ProviderTaskStatus.Succeeded, true)]
    [InlineData("failed", ProviderTaskStatus.Failed, true)]
    [InlineData("error", ProviderTaskStatus.Failed, true)]
    [InlineData("cancelled", ProviderTaskStatus.Canceled, true)]
    [InlineData("warming_up", ProviderTaskStatus.Running, false)]
    [InlineData("", ProviderTaskStatus.Running, false)]
    [InlineData(null, ProviderTaskStatus.Running, false)]
    public void Raw_statuses_map_to_unified_ones(string? raw, ProviderTaskStatus expected, bool known)
    {
        Assert.Equal(expected, EosTaskStatusMapper.Map(raw));
        Assert.Equal(known, EosTaskStatusMapper.IsKnown(raw));
    }

    [Theory]
    [InlineData("""{"status":"success","result":[{"url":"https://a.example/r.tif"}]}""", "https://a.example/r.tif")]
    [InlineData("""{"status":"success","result":["https://a.example/1.tif","https://a.example/2.tif"]}""", "https://a.example/1.tif https://a.example/2.tif")]
    [InlineData("""{"status":"success","result_url":"https://a.example/r.zip"}""", "https://a.example/r.zip")]
    [InlineData("""{"status":"success","result":{"href":"https://a.example/r.jp2"}}""", "https://a.example/r.jp2")]
    [InlineData("""{"status":"success","result":[{"url":"https://a.example/r.tif"}],"result_url":"https://a.example/r.tif"}""", "https://a.example/r.tif")]
    [InlineData("""{"status":"success","result":[{"scene":"x","mean":0.4}]}""", "")]
    [InlineData("""{"status":"success","result":["not a url","ftp://x/y"]}""", "")]
    public void Result_urls_are_found_in_every_documented_form(string json, string expected)
    {
        var parsed = EosClient.ParseCallback(json);
        Assert.Equal(expected, string.Join(" ", parsed.GetResultUrls().Select(u => u.AbsoluteUri)));
    }

    [Fact]
    public void Errors_are_described_from_every_field()
    {
        var parsed = EosClient.ParseCallback("""{"status":"failed","error_message":"boom","errors":["a",{"code":1}]}""");
        Assert.Equal("boom; a; {\"code\":1}", parsed.DescribeErrors());
        Assert.Null(EosClient.ParseCallback("""{"status":"running"}""").DescribeErrors());
        Assert.Equal("S2", EosViewId.SensorOf("s2/13/R/EL/2023/7/19/0"));
        Assert.Null(EosViewId.SensorOf("nosensor"));
    }
}
