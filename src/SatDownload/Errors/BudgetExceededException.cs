using System.Globalization;

namespace SatDownload;

/// <summary>
/// Work was refused because it would exceed a <see cref="DownloadBudget"/>. Thrown before the request that would spend
/// the money or bandwidth is sent; what was already written stays resumable.
/// </summary>
public class BudgetExceededException : SatDownloadException
{
    /// <summary>Creates an exception for mocking scenarios.</summary>
    public BudgetExceededException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public BudgetExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BudgetExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception naming the limit, the figure asked for and the figure allowed.</summary>
    /// <param name="limit">Which limit.</param>
    /// <param name="requested">The figure the work needs (bytes, files or cost).</param>
    /// <param name="allowed">The budget's figure.</param>
    /// <param name="unit">The unit (for cost: the provider's unit; otherwise <c>bytes</c> or <c>files</c> when null).</param>
    /// <param name="detail">Extra explanation appended to the message.</param>
    public BudgetExceededException(BudgetLimit limit, decimal requested, decimal allowed, string? unit = null, string? detail = null)
        : base(BuildMessage(limit, requested, allowed, unit, detail))
    {
        Limit = limit;
        Requested = requested;
        Allowed = allowed;
        Unit = unit ?? DefaultUnit(limit);
    }

    /// <summary>Which limit was reached.</summary>
    public BudgetLimit Limit { get; }

    /// <summary>The figure the work needs.</summary>
    public decimal Requested { get; }

    /// <summary>The figure the budget allows.</summary>
    public decimal Allowed { get; }

    /// <summary>The unit of <see cref="Requested"/> and <see cref="Allowed"/>.</summary>
    public string? Unit { get; }

    private static string DefaultUnit(BudgetLimit limit) => limit switch
    {
        BudgetLimit.Bytes => "bytes",
        BudgetLimit.Files => "files",
        _ => "units",
    };

    private static string BuildMessage(BudgetLimit limit, decimal requested, decimal allowed, string? unit, string? detail)
    {
        var u = unit ?? DefaultUnit(limit);
        var msg = string.Create(
            CultureInfo.InvariantCulture,
            $"Budget exceeded: {limit} limit is {allowed} {u} but the work needs {requested} {u}. Nothing over the limit was requested; raise DownloadBudget.Max{limit} or narrow the request.");
        return detail is null ? msg : msg + " " + detail;
    }
}
