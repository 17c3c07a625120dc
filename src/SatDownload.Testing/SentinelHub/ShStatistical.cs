using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SatDownload.Testing.SentinelHub;

/// <summary>Statistical API: interval splitting by ISO-8601 duration with SKIP/SHORTEN/EXTEND, deterministic statistics, per-interval errors.</summary>
internal static partial class ShStatistical
{
    public static List<(DateTimeOffset From, DateTimeOffset To)>? Intervals(DateTimeOffset from, DateTimeOffset to, string? of, string? lastBehavior, out string? error)
    {
        error = null;
        var m = DurationRegex().Match(of ?? string.Empty);
        if (!m.Success)
        {
            error = "aggregation.aggregationInterval.of must be an ISO-8601 duration of at least one day, e.g. P1D, P10D, P1M.";
            return null;
        }

        var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var unit = m.Groups[2].Value;
        Func<DateTimeOffset, DateTimeOffset> step = unit switch
        {
            "D" => t => t.AddDays(n),
            "W" => t => t.AddDays(7 * n),
            "M" => t => t.AddMonths(n),
            _ => t => t.AddYears(n),
        };
        var list = new List<(DateTimeOffset, DateTimeOffset)>();
        var start = from;
        while (start < to && list.Count < 1000)
        {
            var end = step(start);
            if (end > to)
            {
                switch ((lastBehavior ?? "SKIP").ToUpperInvariant())
                {
                    case "SHORTEN":
                        list.Add((start, to));
                        break;
                    case "EXTEND":
                        list.Add((start, end));
                        break;
                }

                break;
            }

            list.Add((start, end));
            start = end;
        }

        return list;
    }

    public static JsonObject IntervalData(int index, DateTimeOffset from, DateTimeOffset to, JsonNode? calculations)
    {
        var mean = 0.2 + (Math.Abs(index) % 50 * 0.01);
        var stats = new JsonObject
        {
            ["min"] = Math.Round(mean - 0.15, 4),
            ["max"] = Math.Round(mean + 0.5, 4),
            ["mean"] = Math.Round(mean, 4),
            ["stDev"] = 0.05,
            ["sampleCount"] = 10000,
            ["noDataCount"] = index % 3 * 10,
        };
        var band = new JsonObject { ["stats"] = stats };
        var calc = calculations?["default"];
        if (calc?["statistics"]?["default"]?["percentiles"]?["k"] is JsonArray ks)
        {
            var p = new JsonObject();
            foreach (var k in ks)
            {
                var kv = k!.GetValue<double>();
                p[kv.ToString("0.0", CultureInfo.InvariantCulture)] = Math.Round(mean + (kv > 1 ? kv / 1000 : kv / 10), 4);
            }

            stats["percentiles"] = p;
        }

        if (calc?["histograms"]?["default"] is JsonObject h)
        {
            var bins = h["nBins"]?.GetValue<int>() ?? 5;
            var low = h["lowEdge"]?.GetValue<double>() ?? 0;
            var high = h["highEdge"]?.GetValue<double>() ?? 1;
            var width = (high - low) / bins;
            var arr = new JsonArray();
            for (var i = 0; i < bins; i++)
            {
                arr.Add(new JsonObject { ["lowEdge"] = low + (i * width), ["highEdge"] = low + ((i + 1) * width), ["count"] = 10000 / bins });
            }

            band["histogram"] = new JsonObject { ["bins"] = arr, ["overflow"] = 0, ["underflow"] = 0 };
        }

        return new JsonObject
        {
            ["interval"] = new JsonObject { ["from"] = Iso(from), ["to"] = Iso(to) },
            ["outputs"] = new JsonObject { ["default"] = new JsonObject { ["bands"] = new JsonObject { ["B0"] = band } } },
        };
    }

    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^P(\d+)([DWMY])$")]
    private static partial Regex DurationRegex();
}
