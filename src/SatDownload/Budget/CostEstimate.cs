namespace SatDownload;

/// <summary>
/// An amount in a provider's cost unit (Sentinel Hub processing units, ClearSKY credits, ...). Costs in different units are never added together.
/// </summary>
/// <param name="Amount">The amount, never negative.</param>
/// <param name="Unit">The unit's name, for example <c>PU</c> or <c>credits</c>.</param>
public readonly record struct CostEstimate(decimal Amount, string Unit)
{
    /// <inheritdoc />
    public override string ToString() => $"{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Unit}";
}
