namespace SatDownload;

/// <summary>
/// Limits that are checked before money or bandwidth is spent, and enforced while downloading.
/// A null limit is not enforced. Exceeding a limit raises <see cref="BudgetExceededException"/>.
/// </summary>
public sealed class DownloadBudget
{
    /// <summary>Maximum number of bytes to download in one call (already-complete files that are skipped do not count).</summary>
    public long? MaxBytes { get; init; }

    /// <summary>Maximum number of files to download in one call.</summary>
    public int? MaxFiles { get; init; }

    /// <summary>Maximum provider cost, in <see cref="CostUnit"/>.</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>The unit <see cref="MaxCost"/> is expressed in (for example <c>PU</c>); costs in another unit are refused rather than compared.</summary>
    public string? CostUnit { get; init; }

    /// <summary>A budget with no limits.</summary>
    public static DownloadBudget Unlimited { get; } = new();

    /// <summary>Throws <see cref="BudgetExceededException"/> when <paramref name="cost"/> exceeds <see cref="MaxCost"/>, or is in another unit than <see cref="CostUnit"/>.</summary>
    /// <param name="cost">The estimated cost of the work about to be ordered.</param>
    /// <param name="alreadySpent">Cost already committed in the same unit within this budget.</param>
    /// <exception cref="BudgetExceededException">The cost does not fit the budget.</exception>
    public void EnsureCostAllowed(CostEstimate cost, decimal alreadySpent = 0m)
    {
        if (MaxCost is not { } max)
        {
            return;
        }

        if (CostUnit is not null && !string.Equals(CostUnit, cost.Unit, StringComparison.OrdinalIgnoreCase))
        {
            throw new BudgetExceededException(
                BudgetLimit.Cost,
                cost.Amount + alreadySpent,
                max,
                cost.Unit,
                $"The budget is set in '{CostUnit}' but the estimate is in '{cost.Unit}'. Set DownloadBudget.CostUnit to '{cost.Unit}'.");
        }

        if (cost.Amount + alreadySpent > max)
        {
            throw new BudgetExceededException(BudgetLimit.Cost, cost.Amount + alreadySpent, max, cost.Unit);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"DownloadBudget(MaxBytes={MaxBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, MaxFiles={MaxFiles?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, MaxCost={(MaxCost is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (CostUnit ?? "units") : "none")})";
}
