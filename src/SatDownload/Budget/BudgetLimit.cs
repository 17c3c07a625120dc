namespace SatDownload;

/// <summary>Which limit of a <see cref="DownloadBudget"/> was reached.</summary>
public enum BudgetLimit
{
    /// <summary><see cref="DownloadBudget.MaxBytes"/>.</summary>
    Bytes,

    /// <summary><see cref="DownloadBudget.MaxFiles"/>.</summary>
    Files,

    /// <summary><see cref="DownloadBudget.MaxCost"/>.</summary>
    Cost,
}
