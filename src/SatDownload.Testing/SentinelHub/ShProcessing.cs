using System.Formats.Tar;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SatDownload.Testing.SentinelHub;

/// <summary>Process request validation, the documented PU formula and synthetic outputs, written from the contract only.</summary>
internal static partial class ShProcessing
{
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string? Validate(JsonNode? req, int maxPixels, bool requireBounds, out int width, out int height)
    {
        width = height = 0;
        if (req is not JsonObject o)
        {
            return "Request body must be a JSON object.";
        }

        if (o["input"] is not JsonObject input)
        {
            return "input: must not be null";
        }

        if (input["data"] is not JsonArray data || data.Count == 0)
        {
            return "input.data: size must be between 1 and 2147483647";
        }

        foreach (var d in data)
        {
            if (d?["type"]?.GetValue<string>() is not { Length: > 0 })
            {
                return "input.data[].type: must not be null";
            }
        }

        if (o["evalscript"] is null && o["evalscriptReference"] is null)
        {
            return "evalscript: must not be null";
        }

        var bbox = Bbox(input["bounds"]);
        if (requireBounds && bbox is null)
        {
            return "input.bounds: bbox or geometry must be given";
        }

        var output = o["output"] as JsonObject;
        var w = Int(output?["width"]);
        var h = Int(output?["height"]);
        var rx = Dbl(output?["resx"]);
        var ry = Dbl(output?["resy"]);
        var hasSize = w > 0 || h > 0;
        var hasRes = rx > 0 || ry > 0;
        if (hasSize && hasRes)
        {
            return "output: width/height and resx/resy are mutually exclusive";
        }

        if (hasRes)
        {
            if (!(rx > 0 && ry > 0) || bbox is null)
            {
                return "output: resx and resy must both be positive and bounds must be given";
            }

            w = (int)Math.Ceiling(((bbox[2] - bbox[0]) / rx) - 1e-9);
            h = (int)Math.Ceiling(((bbox[3] - bbox[1]) / ry) - 1e-9);
        }
        else if (w <= 0 && h <= 0)
        {
            w = h = 256;
        }
        else if (w <= 0 || h <= 0)
        {
            var ratio = bbox is null ? 1 : (bbox[3] - bbox[1]) / (bbox[2] - bbox[0]);
            if (w <= 0)
            {
                w = (int)Math.Round(h / ratio);
            }
            else
            {
                h = (int)Math.Round(w * ratio);
            }
        }

        if (w > maxPixels)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Your request has width {w} which is larger than allowed {maxPixels}.");
        }

        if (h > maxPixels)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Your request has height {h} which is larger than allowed {maxPixels}.");
        }

        width = w;
        height = h;
        return null;
    }

    public static double[]? Bbox(JsonNode? bounds)
    {
        if (bounds?["bbox"] is JsonArray a && a.Count == 4)
        {
            return [a[0]!.GetValue<double>(), a[1]!.GetValue<double>(), a[2]!.GetValue<double>(), a[3]!.GetValue<double>()];
        }

        if (bounds?["geometry"]?["coordinates"] is JsonNode coords)
        {
            double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
            Walk(coords, ref minX, ref minY, ref maxX, ref maxY);
            return minX == double.MaxValue ? null : [minX, minY, maxX, maxY];
        }

        return null;
    }

    public static IReadOnlyList<(string Identifier, string Format)> Responses(JsonNode req)
    {
        var list = new List<(string, string)>();
        if (req["output"]?["responses"] is JsonArray responses)
        {
            foreach (var r in responses)
            {
                list.Add((r?["identifier"]?.GetValue<string>() ?? "default", r?["format"]?["type"]?.GetValue<string>() ?? "image/png"));
            }
        }

        if (list.Count == 0)
        {
            list.Add(("default", "image/png"));
        }

        return list;
    }

    /// <summary>PU = area × bands/3 × format × samples × extras, minimum per API (the documented formula).</summary>
    public static double ProcessingUnits(JsonNode req, int width, int height, string api)
    {
        var script = req["evalscript"]?.GetValue<string>() ?? string.Empty;
        var bands = new HashSet<string>(StringComparer.Ordinal);
        var lists = BandsRegex().Matches(script);
        if (lists.Count == 0)
        {
            lists = InputRegex().Matches(script);
        }

        foreach (Match m in lists)
        {
            foreach (Match s in StringRegex().Matches(m.Groups[1].Value))
            {
                bands.Add(s.Groups[1].Value);
            }
        }

        var billable = bands.Count == 0 ? 3 : Math.Max(1, bands.Count(b => b != "dataMask"));
        var float32 = Float32Regex().IsMatch(script) && Responses(req).Any(r => r.Format == "image/tiff");
        var octet = Responses(req).Any(r => r.Format == "application/octet-stream");
        double extras = 1;
        var data = req["input"]?["data"] as JsonArray;
        var ortho = false;
        var rtc = false;
        var speckle = false;
        foreach (var d in data ?? [])
        {
            var p = d?["processing"];
            ortho |= p?["orthorectify"]?.GetValue<bool>() == true;
            rtc |= p?["backCoeff"]?.GetValue<string>() == "GAMMA0_TERRAIN";
            speckle |= p?["speckleFilter"] is JsonObject sf && sf["type"]?.GetValue<string>() != "NONE";
        }

        extras *= rtc ? 2.5 : ortho ? 2 : 1;
        extras *= speckle ? 2 : 1;
        var pixels = (double)width * height;
        var pu = Math.Max(pixels / (512.0 * 512.0), 0.01) * (billable / 3.0) * (float32 ? 2 : octet ? 1.4 : 1) * extras * Math.Max(1, data?.Count ?? 1);
        if (pixels >= 10_000)
        {
            pu *= api == "async" ? 2.0 / 3.0 : api == "batch" ? 1.0 / 3.0 : 1.0;
        }

        var min = api switch { "process" => 0.005, "statistical" => 0.01, "async" => 10, _ => 100 };
        return Math.Max(pu, min);
    }

    /// <summary>The evalscript failure the emulator simulates: a script containing <c>throw new Error("...")</c>.</summary>
    public static string? RendererError(JsonNode req)
    {
        var script = req["evalscript"]?.GetValue<string>() ?? string.Empty;
        var m = ThrowRegex().Match(script);
        return m.Success ? "Failed to evaluate script!\nevaluatePixel: Error: " + m.Groups[1].Value : null;
    }

    public static byte[] Render(string identifier, string format, int width, int height, string seed, JsonNode? request = null)
    {
        if (format == "image/tiff")
        {
            // A real georeferenced GeoTIFF of the requested bounds, so emulated outputs open in GDAL and QGIS.
            var (extent, epsg) = GeoreferenceOf(request);
            var tint = SHA256.HashData(Encoding.UTF8.GetBytes(seed + "|" + identifier))[0];
            return new GeoTiffWriter
            {
                Width = Math.Clamp(width, 1, 2500),
                Height = Math.Clamp(height, 1, 2500),
                BandCount = 3,
                Extent = extent,
                EpsgCode = epsg,
            }.ToArray((x, y, band) => (x * 7 + y * 13 + band * 61 + tint) & 0xFF);
        }

        if (format == "application/json")
        {
            return Encoding.UTF8.GetBytes("{\"identifier\":\"" + identifier + "\",\"width\":" + width.ToString(CultureInfo.InvariantCulture) + ",\"height\":" + height.ToString(CultureInfo.InvariantCulture) + ",\"seed\":\"" + seed[..8] + "\"}");
        }

        var header = format switch
        {
            "image/tiff" => new byte[] { 0x49, 0x49, 0x2A, 0x00 },
            "image/jpeg" => new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 },
            _ => PngSignature,
        };
        var length = (int)Math.Clamp((long)width * height / 8, 64, 256 * 1024);
        var bytes = new byte[header.Length + length];
        header.CopyTo(bytes, 0);
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(seed + "|" + identifier));
        for (var i = 0; i < length; i++)
        {
            bytes[header.Length + i] = (byte)(key[i % key.Length] ^ (i * 31) ^ (i >> 8));
        }

        return bytes;
    }

    /// <summary>The output extent and EPSG code of a Process request: its bbox (or its geometry's envelope) in its CRS.</summary>
    private static (GeoTiffExtent Extent, int Epsg) GeoreferenceOf(JsonNode? request)
    {
        var bounds = request?["input"]?["bounds"];
        var crs = bounds?["properties"]?["crs"]?.GetValue<string>() ?? string.Empty;
        var epsg = 4326;
        var lastSlash = crs.LastIndexOf('/');
        if (lastSlash >= 0 && int.TryParse(crs[(lastSlash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            epsg = code;
        }

        var values = new List<double>();
        if (bounds?["bbox"] is JsonArray bbox)
        {
            values.AddRange(bbox.Select(v => v?.GetValue<double>() ?? 0));
        }
        else if (bounds?["geometry"]?["coordinates"] is JsonNode coordinates)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            CollectPositions(coordinates, xs, ys);
            if (xs.Count > 0)
            {
                values.AddRange([xs.Min(), ys.Min(), xs.Max(), ys.Max()]);
            }
        }

        return values.Count == 4 && values[2] > values[0] && values[3] > values[1]
            ? (new GeoTiffExtent(values[0], values[1], values[2], values[3]), epsg)
            : (new GeoTiffExtent(0, 0, 1, 1), 4326);
    }

    private static void CollectPositions(JsonNode node, List<double> xs, List<double> ys)
    {
        if (node is JsonArray { Count: >= 2 } arr && arr[0] is JsonValue && arr[1] is JsonValue)
        {
            xs.Add(arr[0]!.GetValue<double>());
            ys.Add(arr[1]!.GetValue<double>());
            return;
        }

        if (node is JsonArray children)
        {
            foreach (var child in children)
            {
                if (child is not null)
                {
                    CollectPositions(child, xs, ys);
                }
            }
        }
    }

    public static string Extension(string format) => format switch
    {
        "image/tiff" => "tif",
        "image/jpeg" => "jpg",
        "application/json" => "json",
        "application/octet-stream" => "bin",
        _ => "png",
    };

    public static byte[] Tar(IEnumerable<(string Name, byte[] Content)> members)
    {
        using var ms = new MemoryStream();
        using (var writer = new TarWriter(ms, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
                writer.WriteEntry(entry);
            }
        }

        return ms.ToArray();
    }

    private static int Int(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : 0;

    private static double Dbl(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;

    private static void Walk(JsonNode n, ref double minX, ref double minY, ref double maxX, ref double maxY)
    {
        if (n is not JsonArray a)
        {
            return;
        }

        if (a.Count >= 2 && a[0] is JsonValue x && x.TryGetValue<double>(out var xv) && a[1] is JsonValue y && y.TryGetValue<double>(out var yv))
        {
            minX = Math.Min(minX, xv);
            minY = Math.Min(minY, yv);
            maxX = Math.Max(maxX, xv);
            maxY = Math.Max(maxY, yv);
            return;
        }

        foreach (var c in a)
        {
            if (c is not null)
            {
                Walk(c, ref minX, ref minY, ref maxX, ref maxY);
            }
        }
    }

    [GeneratedRegex(@"bands\s*:\s*\[([^\]]*)\]")]
    private static partial Regex BandsRegex();

    [GeneratedRegex(@"input\s*:\s*\[([^\]\{]*)\]")]
    private static partial Regex InputRegex();

    [GeneratedRegex(@"[""']([A-Za-z0-9_]+)[""']")]
    private static partial Regex StringRegex();

    [GeneratedRegex(@"sampleType\s*:\s*[""']?(?:SampleType\.)?FLOAT32", RegexOptions.IgnoreCase)]
    private static partial Regex Float32Regex();

    [GeneratedRegex(@"throw\s+new\s+Error\(\s*[""']([^""']*)[""']")]
    private static partial Regex ThrowRegex();
}
