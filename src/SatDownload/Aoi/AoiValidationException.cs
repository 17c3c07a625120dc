using System.Globalization;
using System.Text;

namespace SatDownload;

/// <summary>
/// An area of interest was rejected before any request was sent. <see cref="Problems"/> lists every problem found,
/// each with where it is and how to fix it; the message lists them too.
/// </summary>
public class AoiValidationException : SatDownloadException
{
    /// <summary>Creates an exception with a generic message and no problems (for mocking).</summary>
    public AoiValidationException()
        : base("The area of interest is invalid.")
    {
        Problems = Array.Empty<AoiProblem>();
    }

    /// <summary>Creates an exception with a message and no listed problems.</summary>
    /// <param name="message">The message.</param>
    public AoiValidationException(string message)
        : base(message)
    {
        Problems = Array.Empty<AoiProblem>();
    }

    /// <summary>Creates an exception with a message and a cause, and no listed problems.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AoiValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problems = Array.Empty<AoiProblem>();
    }

    /// <summary>Creates an exception listing problems.</summary>
    /// <param name="problems">The problems (at least one).</param>
    /// <param name="innerException">The cause, for example the <see cref="System.Text.Json.JsonException"/> of malformed GeoJSON.</param>
    public AoiValidationException(IReadOnlyList<AoiProblem> problems, Exception? innerException = null)
        : base(BuildMessage(problems), innerException)
    {
        Problems = problems.ToArray();
    }

    /// <summary>Every problem found, in input order.</summary>
    public IReadOnlyList<AoiProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<AoiProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            return "The area of interest is invalid.";
        }

        var builder = new StringBuilder();
        builder.Append(problems.Count == 1
            ? "The area of interest is invalid (1 problem):"
            : string.Create(CultureInfo.InvariantCulture, $"The area of interest is invalid ({problems.Count} problems):"));
        for (var i = 0; i < problems.Count; i++)
        {
            builder.Append('\n').Append(CultureInfo.InvariantCulture, $"  {i + 1}. ").Append(problems[i].ToString());
        }

        return builder.ToString();
    }
}
