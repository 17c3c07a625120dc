namespace SatDownload.ClearSky;

/// <summary>ClearSKY's <c>Error.Code</c> values (HTTP 400 bodies), as documented on the error-codes page.</summary>
public static class ClearSkyErrorCodes
{
    /// <summary>Validation failed; <c>Data</c> holds per-property messages.</summary>
    public const int Validation = 992;

    /// <summary>Validation failed (second validation code); <c>Data</c> holds per-property messages.</summary>
    public const int ValidationDetails = 993;

    /// <summary>Not enough processing units or credits.</summary>
    public const int InsufficientBalance = 994;

    /// <summary>No imagery for the area and date.</summary>
    public const int NoImagery = 1002;

    /// <summary>Too many concurrent requests; retryable.</summary>
    public const int TooManyConcurrentRequests = 1003;

    /// <summary>The AOI is larger than the account's <c>MaxCompositeAreaKm2</c>.</summary>
    public const int MaxAreaExceeded = 1004;

    /// <summary>More bands than the account's <c>MaxTotalBands</c>.</summary>
    public const int MaxBandsExceeded = 1005;

    /// <summary>The area or date is not covered by an order.</summary>
    public const int NotOrdered = 1006;

    /// <summary>Whether a code means "try again later" (only 1003).</summary>
    /// <param name="code">The code.</param>
    /// <returns><see langword="true"/> for 1003.</returns>
    public static bool IsRetryable(int code) => code == TooManyConcurrentRequests;

    /// <summary>A sentence that says what a code means and what to do about it; null for unknown codes.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The explanation, or null.</returns>
    public static string? Describe(int code) => code switch
    {
        Validation or ValidationDetails => "ClearSKY rejected the request as invalid; fix the fields listed",
        InsufficientBalance => "The account does not have enough processing units or credits; top up the balance in dashboard.clearsky.vision or lower the cost (smaller AOI, coarser Resolution, fewer bands)",
        NoImagery => "No imagery is available for this area and date; pick another date (SearchAvailableDatesAsync lists them) or set AllowPartialImage when only part of the AOI is covered",
        TooManyConcurrentRequests => "The account's maximum of concurrent requests is reached; the request was retried with backoff, run fewer downloads in parallel",
        MaxAreaExceeded => "The AOI is larger than the account's MaxCompositeAreaKm2; split the AOI or use tile/minitile downloads",
        MaxBandsExceeded => "More bands were requested than the account's MaxTotalBands; ask for fewer Bandnames",
        NotOrdered => "The area or date is not covered by an order; order it first or set AutomaticOrderCreation = true",
        _ => null,
    };
}
