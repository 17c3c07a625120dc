namespace SatDownload.ClearSky;

/// <summary>
/// A request exceeds the account's limits (<c>MaxCompositeAreaKm2</c> or <c>MaxTotalBands</c> from
/// <c>GET /api/account/info</c>); thrown before the request is sent.
/// </summary>
public class ClearSkyAccountLimitException : SatDownloadException
{
    /// <summary>Creates the exception.</summary>
    public ClearSkyAccountLimitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ClearSkyAccountLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ClearSkyAccountLimitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one limit.</summary>
    /// <param name="limit">The limit's name, <c>MaxCompositeAreaKm2</c> or <c>MaxTotalBands</c>.</param>
    /// <param name="requested">What the request needs.</param>
    /// <param name="allowed">What the account allows.</param>
    /// <param name="fix">How to fix it.</param>
    public ClearSkyAccountLimitException(string limit, double requested, double allowed, string fix)
        : base($"The request exceeds the ClearSKY account limit {limit}: it needs {requested:0.###} but the account allows {allowed:0.###}. {fix}")
    {
        Limit = limit;
        Requested = requested;
        Allowed = allowed;
    }

    /// <summary>The limit's name.</summary>
    public string? Limit { get; }

    /// <summary>What the request needs.</summary>
    public double Requested { get; }

    /// <summary>What the account allows.</summary>
    public double Allowed { get; }
}
