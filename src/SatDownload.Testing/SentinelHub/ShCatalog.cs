using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SatDownload.Testing.SentinelHub;

/// <summary>A deterministic STAC catalogue per deployment: items per collection per day, filters, CQL2-JSON subset, fields, distinct, paging.</summary>
internal sealed class ShCatalog(SentinelHubEmulatorOptions options)
{
    public static readonly IReadOnlyDictionary<string, string[]> Collections = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["eu"] = ["sentinel-2-l1c", "sentinel-2-l2a", "sentinel-1-grd", "dem"],
        ["uswest"] = ["landsat-ot-l1", "landsat-ot-l2", "hls", "modis"],
        ["cdse"] = ["sentinel-2-l1c", "sentinel-2-l2a", "sentinel-1-grd", "sentinel-3-olci", "sentinel-5p-l2"],
    };

    public JsonObject CollectionJson(string id) => new()
    {
        ["stac_version"] = "1.0.0",
        ["type"] = "Collection",
        ["id"] = id,
        ["title"] = id.Replace('-', ' ').ToUpperInvariant(),
        ["description"] = "Emulated " + id,
        ["license"] = "proprietary",
        ["extent"] = new JsonObject { ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(-180, -56, 180, 83)) } },
        ["links"] = new JsonArray(),
    };

    /// <summary>Items of a collection within a time range, in time order.</summary>
    public IEnumerable<JsonObject> Items(string collection, DateTimeOffset from, DateTimeOffset to, Func<string, string> thumbnailUrl)
    {
        var day = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var dayIndex = 0;
        while (day <= to && dayIndex < 3660)
        {
            for (var i = 0; i < options.CatalogItemsPerDay; i++)
            {
                var t = day.AddHours(10).AddMinutes(18 + i);
                if (t >= from && t <= to)
                {
                    yield return Item(collection, t, dayIndex, i, thumbnailUrl);
                }
            }

            day = day.AddDays(1);
            dayIndex++;
        }
    }

    private static JsonObject Item(string collection, DateTimeOffset t, int dayIndex, int i, Func<string, string> thumbnailUrl)
    {
        var d = t.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var id = collection.StartsWith("sentinel-2", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"S2B_MSI{(collection.EndsWith("l2a", StringComparison.Ordinal) ? "L2A" : "L1C")}_{d}T1013{i:D2}_N0214_R022_T33TU{(char)('K' + i)}_{d}T115442")
            : string.Create(CultureInfo.InvariantCulture, $"{collection.ToUpperInvariant()}_{d}_{i:D2}");
        double x0 = 13 + i, y0 = 45 + i;
        var cloud = ((dayIndex * 37) + (i * 53)) % 100;
        return new JsonObject
        {
            ["stac_version"] = "1.0.0",
            ["stac_extensions"] = new JsonArray(),
            ["id"] = id,
            ["type"] = "Feature",
            ["geometry"] = new JsonObject
            {
                ["type"] = "MultiPolygon",
                ["crs"] = new JsonObject { ["type"] = "name", ["properties"] = new JsonObject { ["name"] = "urn:ogc:def:crs:OGC::CRS84" } },
                ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(
                    new JsonArray(x0, y0), new JsonArray(x0 + 1.5, y0), new JsonArray(x0 + 1.5, y0 + 1), new JsonArray(x0, y0 + 1), new JsonArray(x0, y0)))),
            },
            ["bbox"] = new JsonArray(x0, y0, x0 + 1.5, y0 + 1),
            ["properties"] = new JsonObject
            {
                ["datetime"] = t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["platform"] = "sentinel-2b",
                ["instruments"] = new JsonArray("msi"),
                ["constellation"] = "sentinel-2",
                ["gsd"] = 10,
                ["eo:cloud_cover"] = cloud + 0.25,
                ["proj:epsg"] = 32633,
            },
            ["assets"] = new JsonObject
            {
                ["data"] = new JsonObject { ["href"] = "s3://sentinel-s2-l2a/tiles/33/T/UK/" + t.ToString("yyyy/M/d", CultureInfo.InvariantCulture) + "/0/", ["title"] = "s3", ["type"] = "inode/directory" },
                ["thumbnail"] = new JsonObject { ["href"] = thumbnailUrl(id), ["title"] = "thumbnail", ["type"] = "image/jpeg", ["roles"] = new JsonArray("thumbnail") },
            },
            ["collection"] = collection,
            ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["type"] = "application/geo+json" }),
        };
    }

    public static bool Intersects(JsonObject item, double[]? bbox)
    {
        if (bbox is null)
        {
            return true;
        }

        var b = item["bbox"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        return b[0] <= bbox[2] && b[2] >= bbox[0] && b[1] <= bbox[3] && b[3] >= bbox[1];
    }

    /// <summary>Evaluates the CQL2-JSON subset: comparisons (eq, neq, lt, lte, gt, gte, between; also =, &lt;&gt;, &lt; ...) joined by <c>and</c>.</summary>
    public static bool Matches(JsonObject item, JsonNode? filter, out string? error)
    {
        error = null;
        if (filter is null)
        {
            return true;
        }

        var op = filter["op"]?.GetValue<string>()?.ToLowerInvariant();
        var args = filter["args"] as JsonArray;
        if (op is null || args is null)
        {
            error = "Invalid CQL2-JSON filter: 'op' and 'args' are required.";
            return false;
        }

        if (op == "and")
        {
            foreach (var a in args)
            {
                if (!Matches(item, a, out error))
                {
                    return false;
                }
            }

            return true;
        }

        var property = args[0]?["property"]?.GetValue<string>();
        if (property is null)
        {
            error = "Invalid CQL2-JSON filter: the first argument must be {\"property\": ...}.";
            return false;
        }

        var node = item["properties"]?[property];
        if (node is null)
        {
            return false;
        }

        var value = node.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>() : double.NaN;
        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        double Num(int i) => args[i]!.GetValueKind() == JsonValueKind.Number ? args[i]!.GetValue<double>() : double.NaN;
        string? Str(int i) => args[i]!.GetValueKind() == JsonValueKind.String ? args[i]!.GetValue<string>() : null;
        switch (op)
        {
            case "=" or "eq": return text is not null ? text == Str(1) : value == Num(1);
            case "<>" or "neq": return text is not null ? text != Str(1) : value != Num(1);
            case "<" or "lt": return value < Num(1);
            case "<=" or "lte": return value <= Num(1);
            case ">" or "gt": return value > Num(1);
            case ">=" or "gte": return value >= Num(1);
            case "between": return value >= Num(1) && value <= Num(2);
            default:
                error = "Unsupported CQL2 operator '" + op + "'. Supported: eq, neq, lt, lte, gt, gte, between, and.";
                return false;
        }
    }

    /// <summary>Applies the fields extension (include wins; <c>properties.x</c> paths restrict properties).</summary>
    public static JsonObject ApplyFields(JsonObject item, JsonNode? fields)
    {
        if (fields is null)
        {
            return item;
        }

        var include = (fields["include"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [];
        var exclude = (fields["exclude"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [];
        var result = (JsonObject)item.DeepClone();
        foreach (var e in exclude.Where(e => !include.Contains(e)))
        {
            if (e.StartsWith("properties.", StringComparison.Ordinal))
            {
                (result["properties"] as JsonObject)?.Remove(e["properties.".Length..]);
            }
            else
            {
                result.Remove(e);
            }
        }

        if (include.Count > 0)
        {
            var top = include.Select(i => i.Split('.')[0]).Append("id").Append("type").ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(p => p.Key).ToList())
            {
                if (!top.Contains(key))
                {
                    result.Remove(key);
                }
            }

            var props = include.Where(i => i.StartsWith("properties.", StringComparison.Ordinal)).Select(i => i["properties.".Length..]).ToHashSet(StringComparer.Ordinal);
            if (props.Count > 0 && !include.Contains("properties") && result["properties"] is JsonObject p)
            {
                foreach (var key in p.Select(x => x.Key).ToList())
                {
                    if (!props.Contains(key))
                    {
                        p.Remove(key);
                    }
                }
            }
        }

        return result;
    }
}
