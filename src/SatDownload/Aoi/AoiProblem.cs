namespace SatDownload;

/// <summary>One problem found while validating an area of interest.</summary>
/// <param name="Code">What kind of problem it is.</param>
/// <param name="Message">What is wrong, with the offending values.</param>
/// <param name="Location">Where: for example "polygon 0, ring 1, vertex 5", "feature 2, polygon 0", a JSON path or a parameter name; null when it concerns the whole AOI.</param>
/// <param name="Fix">How to fix it.</param>
public sealed record AoiProblem(AoiProblemCode Code, string Message, string? Location, string Fix)
{
    /// <summary>One line: "[location] message Fix: fix".</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Location is null ? $"{Message} Fix: {Fix}" : $"[{Location}] {Message} Fix: {Fix}";
}
