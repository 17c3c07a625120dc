using System.Globalization;

namespace SatDownload;

/// <summary>
/// Collects problems, keeping at most <see cref="MaxPerCode"/> of each kind and summarising the rest. Why: a
/// 10,000-vertex polygon in the wrong CRS would otherwise produce 10,000 near-identical lines.
/// </summary>
internal sealed class AoiProblemCollector
{
    public const int MaxPerCode = 10;

    private readonly List<AoiProblem> _problems = new();
    private readonly Dictionary<AoiProblemCode, int> _counts = new();
    private readonly Dictionary<AoiProblemCode, string> _lastFix = new();

    public int Count => _problems.Count + _counts.Values.Sum(count => Math.Max(0, count - MaxPerCode));

    public bool Has(AoiProblemCode code) => _counts.ContainsKey(code);

    public void Add(AoiProblem problem)
    {
        _counts.TryGetValue(problem.Code, out var count);
        _counts[problem.Code] = count + 1;
        _lastFix[problem.Code] = problem.Fix;
        if (count < MaxPerCode)
        {
            _problems.Add(problem);
        }
    }

    public void Add(AoiProblemCode code, string message, string? location, string fix) => Add(new AoiProblem(code, message, location, fix));

    public void AddRange(IEnumerable<AoiProblem> problems)
    {
        foreach (var problem in problems)
        {
            Add(problem);
        }
    }

    public void ThrowIfAny(Exception? innerException = null)
    {
        if (Count == 0)
        {
            return;
        }

        var all = new List<AoiProblem>(_problems);
        foreach (var (code, count) in _counts)
        {
            if (count > MaxPerCode)
            {
                all.Add(new AoiProblem(
                    code,
                    string.Create(CultureInfo.InvariantCulture, $"{count - MaxPerCode} more problem(s) of the same kind ({code}) are not listed."),
                    null,
                    _lastFix[code]));
            }
        }

        throw new AoiValidationException(all, innerException);
    }
}
