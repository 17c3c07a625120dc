using System.Text.RegularExpressions;

namespace SatDownload.SentinelHub;

/// <summary>What the PU formula needs from an evalscript: input bands, sample type, mosaicking. Read with patterns, not executed.</summary>
public sealed partial record EvalscriptInfo
{
    /// <summary>Distinct input bands named in <c>setup().input</c> (including <c>dataMask</c> when present).</summary>
    public IReadOnlyList<string> InputBands { get; init; } = Array.Empty<string>();

    /// <summary>Bands that count for PUs: all but <c>dataMask</c>, unless <c>dataMask</c> is the only band.</summary>
    public int BillableBandCount
    {
        get
        {
            if (InputBands.Count == 0)
            {
                return 3;
            }

            var n = InputBands.Count(b => b != "dataMask");
            return n == 0 ? 1 : n;
        }
    }

    /// <summary>Whether an output uses <c>FLOAT32</c>.</summary>
    public bool Float32 { get; init; }

    /// <summary>The mosaicking (<c>SIMPLE</c>, <c>ORBIT</c>, <c>TILE</c>).</summary>
    public string Mosaicking { get; init; } = "SIMPLE";

    /// <summary>Reads an evalscript.</summary>
    /// <param name="evalscript">The script.</param>
    /// <returns>The info.</returns>
    public static EvalscriptInfo Parse(string? evalscript)
    {
        if (string.IsNullOrWhiteSpace(evalscript))
        {
            return new EvalscriptInfo();
        }

        var bands = new List<string>();
        var lists = BandsPattern().Matches(evalscript);
        if (lists.Count == 0)
        {
            lists = InputPattern().Matches(evalscript);
        }

        foreach (Match list in lists)
        {
            foreach (Match s in StringPattern().Matches(list.Groups[1].Value))
            {
                var name = s.Groups[1].Value;
                if (!bands.Contains(name, StringComparer.Ordinal))
                {
                    bands.Add(name);
                }
            }
        }

        var mosaicking = MosaickingPattern().Match(evalscript);
        return new EvalscriptInfo
        {
            InputBands = bands,
            Float32 = Float32Pattern().IsMatch(evalscript),
            Mosaicking = mosaicking.Success ? mosaicking.Groups[1].Value.ToUpperInvariant() : "SIMPLE",
        };
    }

    [GeneratedRegex(@"bands\s*:\s*\[([^\]]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex BandsPattern();

    [GeneratedRegex(@"input\s*:\s*\[([^\]\{]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"[""']([A-Za-z0-9_]+)[""']", RegexOptions.CultureInvariant)]
    private static partial Regex StringPattern();

    [GeneratedRegex(@"sampleType\s*:\s*[""']?(?:SampleType\.)?FLOAT32", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Float32Pattern();

    [GeneratedRegex(@"mosaicking\s*:\s*[""']?(?:Mosaicking\.)?([A-Za-z]+)", RegexOptions.CultureInvariant)]
    private static partial Regex MosaickingPattern();
}
