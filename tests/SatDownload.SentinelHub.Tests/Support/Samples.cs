using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub.Tests.Support;

internal static class Samples
{
    public const string TrueColor = """
        //VERSION=3
        function setup() {
          return { input: ["B02", "B03", "B04", "dataMask"], output: { bands: 4 } };
        }
        function evaluatePixel(s) { return [s.B04, s.B03, s.B02, s.dataMask]; }
        """;

    public static ProcessRequest Request(int width = 512, int height = 512, params (string Id, string Format)[] responses) => new()
    {
        Input = new ProcessInput
        {
            Bounds = new ProcessBounds { Bbox = [13.82, 45.85, 14.56, 46.29], Properties = new BoundsProperties { Crs = ProcessRequestBuilder.Crs84 } },
            Data = [new ProcessDataSource { Type = "sentinel-2-l2a", DataFilter = new DataFilter { TimeRange = TimeRange.Between(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 6, 30, 0, 0, 0, TimeSpan.Zero)), MaxCloudCoverage = 30 } }],
        },
        Output = new ProcessOutput
        {
            Width = width,
            Height = height,
            Responses = responses.Length == 0
                ? [new ProcessResponseSpec { Identifier = "default", Format = new OutputFormat { Type = SentinelHubFormats.Png } }]
                : responses.Select(r => new ProcessResponseSpec { Identifier = r.Id, Format = new OutputFormat { Type = r.Format } }).ToList(),
        },
        Evalscript = TrueColor,
    };

    public static string Sha256(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
}
