using SatDownload.Iceye.Models;
using SatDownload.Iceye.Tasks;

namespace SatDownload.Iceye.Tests.Tasks;

public class IceyeStatusMappingTests
{
    [Theory]
    [InlineData("RECEIVED", ProviderTaskStatus.Pending, false, true)]
    [InlineData("ACTIVE", ProviderTaskStatus.Running, false, true)]
    [InlineData("FULFILLED", ProviderTaskStatus.Running, true, false)]
    [InlineData("DONE", ProviderTaskStatus.Succeeded, true, false)]
    [InlineData("REJECTED", ProviderTaskStatus.Failed, false, false)]
    [InlineData("FAILED", ProviderTaskStatus.Failed, false, false)]
    [InlineData("CANCELED", ProviderTaskStatus.Canceled, false, false)]
    [InlineData("fulfilled", ProviderTaskStatus.Running, true, false)]
    [InlineData("SOMETHING_NEW", ProviderTaskStatus.Running, false, false)]
    public void Every_raw_status_maps_to_the_documented_unified_status(string raw, ProviderTaskStatus unified, bool assets, bool cancelable)
    {
        var info = new IceyeTaskInfo { Id = "t", Status = raw };

        var state = IceyeStatusMapping.ToState(info);

        Assert.Equal(unified, state.Status);
        Assert.Equal(assets, state.AssetsAvailable);
        Assert.Equal(raw, state.ProviderStatus);
        Assert.Equal(cancelable, IceyeStatusMapping.IsCancelable(raw));
        Assert.False(string.IsNullOrEmpty(state.Message));
    }

    [Fact]
    public void Undocumented_status_says_so()
    {
        var state = IceyeStatusMapping.ToState(new IceyeTaskInfo { Id = "t", Status = "PAUSED" });

        Assert.Contains("undocumented status 'PAUSED'", state.Message, StringComparison.Ordinal);
    }
}
