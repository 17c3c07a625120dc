using System.Text.Json;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>Derives <see cref="ProcessingUnitParameters"/> from a request and applies <see cref="ProcessingUnitCalculator"/>.</summary>
public static class ProcessingUnitEstimator
{
    /// <summary>Estimates the PU cost of a Process or Async request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="api">Process or AsyncProcess (Batch uses <see cref="EstimateBatch"/>).</param>
    /// <param name="samples">Samples per pixel; when null, SIMPLE mosaicking counts 1 and ORBIT/TILE one scene every 3 days of the time range.</param>
    /// <returns>The estimate in PU.</returns>
    public static double Estimate(ProcessRequest request, SentinelHubApi api = SentinelHubApi.Process, int? samples = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = OutputSize.Resolve(request);
        return ProcessingUnitCalculator.Calculate(Parameters(request.Input, request.Evalscript, request.Output?.Responses, size.Width, size.Height, api, samples));
    }

    /// <summary>Estimates a Batch v2 task from the area it covers (the service offers no estimate in v2).</summary>
    /// <param name="request">The Batch request.</param>
    /// <param name="areaSquareMetres">Area of the processed region in square metres (grid unit METRE) or square degrees (DEGREE).</param>
    /// <param name="samples">Samples per pixel, or null as in <see cref="Estimate"/>.</param>
    /// <returns>The estimate in PU (minimum 100).</returns>
    public static double EstimateBatch(BatchProcessRequest request, double areaSquareMetres, int? samples = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var res = request.Input.Resolution is > 0 ? request.Input.Resolution.Value : 10.0;
        var pixels = Math.Max(1, areaSquareMetres / (res * res));
        var side = (long)Math.Ceiling(Math.Sqrt(pixels));
        return ProcessingUnitCalculator.Calculate(Parameters(request.ProcessRequest.Input, request.ProcessRequest.Evalscript, request.ProcessRequest.Output?.Responses, side, side, SentinelHubApi.Batch, samples));
    }

    /// <summary>Builds the formula inputs.</summary>
    /// <param name="input">The request input.</param>
    /// <param name="evalscript">The evalscript.</param>
    /// <param name="responses">The responses.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="api">The API.</param>
    /// <param name="samples">Samples override.</param>
    /// <returns>The parameters.</returns>
    public static ProcessingUnitParameters Parameters(ProcessInput? input, string? evalscript, IList<ProcessResponseSpec>? responses, long width, long height, SentinelHubApi api, int? samples)
    {
        var info = EvalscriptInfo.Parse(evalscript);
        var formats = responses?.Select(r => r.Format?.Type ?? SentinelHubFormats.Png).ToList() ?? [SentinelHubFormats.Png];
        var float32 = info.Float32 && formats.Any(f => string.Equals(f, SentinelHubFormats.Tiff, StringComparison.OrdinalIgnoreCase));
        var octet = formats.Any(f => string.Equals(f, SentinelHubFormats.OctetStream, StringComparison.OrdinalIgnoreCase));
        bool ortho = false, rtc = false, speckle = false;
        foreach (var source in input?.Data ?? [])
        {
            var proc = source.Processing;
            if (proc is null)
            {
                continue;
            }

            ortho |= proc.Orthorectify == true;
            rtc |= string.Equals(proc.BackCoeff, "GAMMA0_TERRAIN", StringComparison.OrdinalIgnoreCase);
            if (proc.SpeckleFilter is { ValueKind: JsonValueKind.Object } sf &&
                !(sf.TryGetProperty("type", out var t) && string.Equals(t.GetString(), "NONE", StringComparison.OrdinalIgnoreCase)))
            {
                speckle = true;
            }
        }

        return new ProcessingUnitParameters
        {
            Width = width,
            Height = height,
            InputBands = info.BillableBandCount,
            Float32Output = float32,
            OctetStreamOutput = octet && !float32,
            Samples = samples ?? EstimateSamples(info, input),
            Orthorectify = ortho,
            RadiometricTerrainCorrection = rtc,
            SpeckleFilter = speckle,
            LocalCollections = Math.Max(1, input?.Data.Count ?? 1),
            Api = api,
        };
    }

    private static int EstimateSamples(EvalscriptInfo info, ProcessInput? input)
    {
        if (info.Mosaicking is not ("ORBIT" or "TILE"))
        {
            return 1;
        }

        // The Batch v1 service estimated one sample every 3 days for ORBIT/TILE; do the same.
        var range = input?.Data.Select(d => d.DataFilter?.TimeRange).FirstOrDefault(r => r?.From is not null && r.To is not null);
        if (range is null)
        {
            return 1;
        }

        var days = (range.To!.Value - range.From!.Value).TotalDays;
        return Math.Max(1, (int)Math.Ceiling(days / 3.0));
    }
}
