using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SatDownload.SentinelHub.Tests.Support;

/// <summary>Structural JSON equality where date-times compare as instants ("…00.000Z" equals "…00Z") and numbers as values.</summary>
internal static class JsonEquivalence
{
    public static bool Equivalent(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case JsonObject oa when b is JsonObject ob:
                return oa.Count == ob.Count && oa.All(p => ob.ContainsKey(p.Key) && Equivalent(p.Value, ob[p.Key]));
            case JsonArray aa when b is JsonArray ab:
                return aa.Count == ab.Count && aa.Zip(ab).All(p => Equivalent(p.First, p.Second));
            case JsonValue va when b is JsonValue vb:
                if (va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
                {
                    return va.GetValue<double>() == vb.GetValue<double>();
                }

                if (va.GetValueKind() == JsonValueKind.String && vb.GetValueKind() == JsonValueKind.String)
                {
                    var sa = va.GetValue<string>();
                    var sb = vb.GetValue<string>();
                    return sa == sb || (sa.Length > 10 && DateTimeOffset.TryParse(sa, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var da) &&
                        DateTimeOffset.TryParse(sb, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var db) && da == db);
                }

                return JsonNode.DeepEquals(va, vb);
            default:
                return false;
        }
    }
}
