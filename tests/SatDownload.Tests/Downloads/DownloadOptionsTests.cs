namespace SatDownload.Tests.Downloads;

public class DownloadOptionsTests
{
    [Fact]
    public void Defaults_match_the_contract()
    {
        var o = DownloadOptions.Default;
        Assert.Equal(4, o.MaxConcurrentDownloads);
        Assert.Equal(4, o.MaxConnectionsPerFile);
        Assert.Equal(16L * 1024 * 1024, o.SegmentSizeBytes);
        Assert.Equal(256L * 1024 * 1024, o.AddConnectionsBelowBytesPerSecond);
        Assert.Equal(ExistingFilePolicy.Resume, o.ExistingFilePolicy);
        Assert.True(o.ComputeSha256);
        Assert.True(o.VerifyChecksums);
        Assert.Equal("{provider}/{productId}/{assetKey}{extension}", o.FileNameTemplate);
        o.Validate();
    }

    [Theory]
    [InlineData(nameof(DownloadOptions.MaxConcurrentDownloads))]
    [InlineData(nameof(DownloadOptions.MaxConnectionsPerFile))]
    [InlineData(nameof(DownloadOptions.SegmentSizeBytes))]
    [InlineData(nameof(DownloadOptions.BufferSize))]
    [InlineData(nameof(DownloadOptions.AddConnectionsBelowBytesPerSecond))]
    [InlineData(nameof(DownloadOptions.MaxAttempts))]
    public void Invalid_values_name_the_option(string name)
    {
        var o = name switch
        {
            nameof(DownloadOptions.MaxConcurrentDownloads) => new DownloadOptions { MaxConcurrentDownloads = 0 },
            nameof(DownloadOptions.MaxConnectionsPerFile) => new DownloadOptions { MaxConnectionsPerFile = 0 },
            nameof(DownloadOptions.SegmentSizeBytes) => new DownloadOptions { SegmentSizeBytes = 10 },
            nameof(DownloadOptions.BufferSize) => new DownloadOptions { BufferSize = 1 },
            nameof(DownloadOptions.AddConnectionsBelowBytesPerSecond) => new DownloadOptions { AddConnectionsBelowBytesPerSecond = 0 },
            _ => new DownloadOptions { MaxAttempts = 0 },
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(o.Validate);
        Assert.Equal(name, ex.ParamName);
        Assert.Contains("DownloadOptions." + name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rooted_template_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(new DownloadOptions { FileNameTemplate = "/etc/{assetKey}" }.Validate);
        Assert.Contains("absolute", ex.Message, StringComparison.Ordinal);
    }
}
