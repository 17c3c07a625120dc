using System.Text.Json;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>Client-side checks of Process, Async and Statistical inputs; every failure names the field and the fix.</summary>
public static class ProcessRequestValidator
{
    private static readonly string[] MosaickingOrders = ["mostRecent", "leastRecent", "leastCC"];
    private static readonly string[] Resamplings = ["NEAREST", "BILINEAR", "BICUBIC"];
    private static readonly string[] Formats = [SentinelHubFormats.Png, SentinelHubFormats.Jpeg, SentinelHubFormats.Tiff, SentinelHubFormats.Json, SentinelHubFormats.OctetStream];

    /// <summary>Validates a Process or Async request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="maxPixels">Largest width/height allowed, or null when large outputs are split into tiles.</param>
    /// <param name="requireDelivery">Async: <c>output.delivery.s3.url</c> is required.</param>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public static void Validate(ProcessRequest request, int? maxPixels = SentinelHubClientOptions.ProcessMaxPixels, bool requireDelivery = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Evalscript) && request.EvalscriptReference is null)
        {
            throw new ArgumentException("evalscript is required: pass the script text (//VERSION=3 with setup() and evaluatePixel()).", nameof(request));
        }

        if (request.EvalscriptReference is not null && !requireDelivery)
        {
            throw new ArgumentException("evalscriptReference is only accepted by the Async Process API; put the script in evalscript.", nameof(request));
        }

        ValidateInput(request.Input, nameof(request), requireBounds: true);
        KnownBands.Validate(request.Evalscript, request.Input.Data.Select(d => d.Type), nameof(request));
        var o = request.Output;
        if (o is not null)
        {
            var hasSize = o.Width is > 0 || o.Height is > 0;
            var hasRes = o.ResX is > 0 || o.ResY is > 0;
            if (o.Width is < 0 || o.Height is < 0 || o.ResX is < 0 || o.ResY is < 0)
            {
                throw new ArgumentException("output.width/height and resx/resy must not be negative.", nameof(request));
            }

            if (hasSize && hasRes)
            {
                throw new ArgumentException("output: set either width/height or resx/resy, not both.", nameof(request));
            }

            if (hasRes && !(o.ResX is > 0 && o.ResY is > 0))
            {
                throw new ArgumentException("output: resx and resy must both be set (in CRS units, e.g. metres for UTM).", nameof(request));
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in o.Responses ?? [])
            {
                if (string.IsNullOrWhiteSpace(r.Identifier))
                {
                    throw new ArgumentException("output.responses[].identifier is required (the evalscript output id, \"default\" or \"userdata\").", nameof(request));
                }

                if (!ids.Add(r.Identifier))
                {
                    throw new ArgumentException($"output.responses has the identifier '{r.Identifier}' twice.", nameof(request));
                }

                if (r.Identifier.IndexOfAny(['/', '\\']) >= 0 || r.Identifier.Contains("..", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"output.responses identifier '{r.Identifier}' must be a plain name.", nameof(request));
                }

                if (r.Format?.Type is { } t && !Formats.Contains(t, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"output.responses['{r.Identifier}'].format.type '{t}' is not one of {string.Join(", ", Formats)}.", nameof(request));
                }

                if (r.Format?.Quality is < 0 or > 100)
                {
                    throw new ArgumentException("output.responses[].format.quality must be 0–100.", nameof(request));
                }
            }
        }

        if (maxPixels is { } max)
        {
            var size = OutputSize.Resolve(request);
            if (size.Width > max || size.Height > max)
            {
                throw new ArgumentException($"The output would be {size}; this API allows at most {max} px per side. Lower the resolution, or use ProcessAsync which splits large areas into tiles.", nameof(request));
            }
        }

        if (requireDelivery)
        {
            var url = o?.Delivery?.S3?.Url;
            if (string.IsNullOrWhiteSpace(url) || !url.StartsWith("s3://", StringComparison.Ordinal))
            {
                throw new ArgumentException("output.delivery.s3.url is required for Async Process: an s3://bucket/prefix the service can write to (with accessKey/secretAccessKey or iamRoleARN).", nameof(request));
            }

            Redactor.RegisterSecret(o!.Delivery!.S3!.SecretAccessKey);
        }
    }

    /// <summary>Validates <c>input</c>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="paramName">Parameter name for exceptions.</param>
    /// <param name="requireBounds">Whether bounds are required.</param>
    public static void ValidateInput(ProcessInput? input, string paramName, bool requireBounds)
    {
        if (input is null)
        {
            throw new ArgumentException("input is required (bounds and data).", paramName);
        }

        if (input.Data is not { Count: > 0 })
        {
            throw new ArgumentException("input.data needs at least one data collection, e.g. { type: \"sentinel-2-l2a\" }.", paramName);
        }

        foreach (var d in input.Data)
        {
            if (string.IsNullOrWhiteSpace(d.Type))
            {
                throw new ArgumentException("input.data[].type is required (e.g. sentinel-2-l2a, sentinel-1-grd, byoc-<id>).", paramName);
            }

            var f = d.DataFilter;
            if (f?.TimeRange is { From: { } from, To: { } to } && from > to)
            {
                throw new ArgumentException($"input.data['{d.Type}'].dataFilter.timeRange: from ({from:O}) is after to ({to:O}).", paramName);
            }

            if (f?.MaxCloudCoverage is < 0 or > 100)
            {
                throw new ArgumentException($"input.data['{d.Type}'].dataFilter.maxCloudCoverage must be 0–100.", paramName);
            }

            if (f?.MosaickingOrder is { } mo && !MosaickingOrders.Contains(mo, StringComparer.Ordinal))
            {
                throw new ArgumentException($"input.data['{d.Type}'].dataFilter.mosaickingOrder '{mo}' must be one of {string.Join(", ", MosaickingOrders)}.", paramName);
            }

            if (d.Processing?.Upsampling is { } up && !Resamplings.Contains(up, StringComparer.Ordinal))
            {
                throw new ArgumentException($"input.data['{d.Type}'].processing.upsampling '{up}' must be NEAREST, BILINEAR or BICUBIC.", paramName);
            }

            if (d.Processing?.Downsampling is { } down && !Resamplings.Contains(down, StringComparer.Ordinal))
            {
                throw new ArgumentException($"input.data['{d.Type}'].processing.downsampling '{down}' must be NEAREST, BILINEAR or BICUBIC.", paramName);
            }
        }

        var b = input.Bounds;
        if (b is null || (b.Bbox is null && b.Geometry is null))
        {
            if (requireBounds)
            {
                throw new ArgumentException("input.bounds needs a bbox and/or a geometry.", paramName);
            }

            return;
        }

        if (b.Bbox is { } bbox && (bbox.Count != 4 || !(bbox[2] > bbox[0]) || !(bbox[3] > bbox[1])))
        {
            throw new ArgumentException("input.bounds.bbox must be [min-x, min-y, max-x, max-y] with max > min (an AOI crossing the antimeridian must be split or sent in UTM).", paramName);
        }

        if (b.Geometry is { } g)
        {
            if (g.ValueKind != JsonValueKind.Object || !g.TryGetProperty("type", out var type) || type.GetString() is not ("Polygon" or "MultiPolygon"))
            {
                throw new ArgumentException("input.bounds.geometry must be a GeoJSON Polygon or MultiPolygon.", paramName);
            }
        }

        if (b.Properties?.Crs is { } crs && !crs.StartsWith("http://www.opengis.net/def/crs/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"input.bounds.properties.crs '{crs}' must be an OGC URL such as http://www.opengis.net/def/crs/EPSG/0/32633 or .../OGC/1.3/CRS84.", paramName);
        }
    }
}
