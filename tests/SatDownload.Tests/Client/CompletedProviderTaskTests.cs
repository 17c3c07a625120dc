namespace SatDownload.Tests.Client;

/// <summary>The finished task synchronous flows return.</summary>
public class CompletedProviderTaskTests
{
    [Fact]
    public async Task Lists_its_assets_and_completes_without_polling()
    {
        var asset = ImageryAsset.FromUrl(new Uri("https://example.com/a.tif"));
        var task = new CompletedProviderTask("sentinel-hub", "fp-123", [asset], kind: "process");

        var status = await task.WaitForCompletionAsync(new TaskPollingOptions { InitialInterval = TimeSpan.FromHours(1), MaxInterval = TimeSpan.FromHours(1) });
        var listed = new List<ImageryAsset>();
        await foreach (var a in task.GetAssetsAsync())
        {
            listed.Add(a);
        }

        Assert.Equal(ProviderTaskStatus.Succeeded, status);
        Assert.True(task.HasCompleted);
        Assert.True(task.AssetsAvailable);
        Assert.Equal(100, task.PercentComplete);
        Assert.Equal("sentinel-hub:process:fp-123", task.RehydrationToken);
        Assert.Same(asset, Assert.Single(listed));
    }

    [Fact]
    public void Refuses_a_status_without_output()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CompletedProviderTask("eos", "x", [], status: ProviderTaskStatus.Failed));

        Assert.Equal("status", ex.ParamName);
    }
}
