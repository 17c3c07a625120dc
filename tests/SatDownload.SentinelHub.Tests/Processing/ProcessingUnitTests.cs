using SatDownload.SentinelHub.Models;
using SatDownload.SentinelHub.Tests.Support;

namespace SatDownload.SentinelHub.Tests.Processing;

public sealed class ProcessingUnitTests
{
    [Fact]
    public void Documented_worked_examples_match()
    {
        var big = ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 1024, Height = 1024, InputBands = 4, Float32Output = true, Samples = 2, Orthorectify = true });
        Assert.Equal(42.667, big, 3);
        var small = ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 20, Height = 20, InputBands = 2 });
        Assert.Equal(0.0067, small, 4);
    }

    [Fact]
    public void Minimums_discounts_and_extras_per_api()
    {
        Assert.Equal(0.005, ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 1, Height = 1, InputBands = 1 }), 6);
        Assert.Equal(0.01, ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 1, Height = 1, InputBands = 1, Api = SentinelHubApi.Statistical }), 6);
        Assert.Equal(10, ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 512, Height = 512, Api = SentinelHubApi.AsyncProcess }));
        Assert.Equal(100, ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 512, Height = 512, Api = SentinelHubApi.Batch }));
        var async = ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 10000, Height = 10000, Api = SentinelHubApi.AsyncProcess });
        Assert.Equal(10000.0 * 10000 / (512 * 512) * 2 / 3, async, 6);
        var rtc = ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 512, Height = 512, InputBands = 3, RadiometricTerrainCorrection = true, Orthorectify = true, SpeckleFilter = true });
        Assert.Equal(5, rtc, 6);
        var fusion = ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 512, Height = 512, LocalCollections = 1, RemoteCollections = 1 });
        Assert.Equal(3, fusion, 6);
        Assert.Equal(1.4, ProcessingUnitCalculator.Calculate(new ProcessingUnitParameters { Width = 512, Height = 512, OctetStreamOutput = true }), 6);
    }

    [Fact]
    public void Request_estimate_reads_bands_sample_type_and_s1_processing_from_the_request()
    {
        var request = Samples.Request(1024, 1024, ("default", SentinelHubFormats.Tiff));
        request.Evalscript = """
            //VERSION=3
            function setup() { return { input: [{ bands: ["VV", "VH", "dataMask"] }], output: { bands: 2, sampleType: "FLOAT32" } }; }
            """;
        request.Input.Data[0] = new ProcessDataSource { Type = "sentinel-1-grd", Processing = new DataProcessing { Orthorectify = true, BackCoeff = "SIGMA0_ELLIPSOID" } };
        // area 4 × bands 2/3 × float32 2 × ortho 2
        Assert.Equal(4 * (2.0 / 3) * 2 * 2, ProcessingUnitEstimator.Estimate(request), 6);

        var info = EvalscriptInfo.Parse(Samples.TrueColor);
        Assert.Equal(["B02", "B03", "B04", "dataMask"], info.InputBands);
        Assert.Equal(3, info.BillableBandCount);
        Assert.Equal(1, EvalscriptInfo.Parse("setup(){return {input:[\"dataMask\"]}}").BillableBandCount);
    }

    [Fact]
    public void Orbit_mosaicking_counts_one_sample_per_three_days()
    {
        var request = Samples.Request(512, 512);
        request.Evalscript = "//VERSION=3\nfunction setup(){return {input:[\"B04\",\"B08\",\"B11\"], output:{bands:1}, mosaicking: Mosaicking.ORBIT};}";
        Assert.Equal(10, ProcessingUnitEstimator.Estimate(request), 6); // June 1–30: 29 days → 10 samples
        Assert.Equal(2, ProcessingUnitEstimator.Estimate(request, samples: 2), 6);
    }
}
