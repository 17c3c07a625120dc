namespace SatDownload.Http;

/// <summary>
/// The clock and numeric Retry-After unit of the <see cref="ResilienceHandler"/> that sent a request, stored in the
/// request's options so code that reads the response later (<see cref="ProviderJson"/>) parses an HTTP-date Retry-After
/// against the same injected <see cref="TimeProvider"/> the retries used, not the system clock.
/// </summary>
/// <param name="TimeProvider">The handler's clock.</param>
/// <param name="RetryAfterUnit">The unit of a numeric Retry-After.</param>
internal sealed record RetryClock(TimeProvider TimeProvider, RetryAfterUnit RetryAfterUnit)
{
    /// <summary>The clock and unit recorded on <paramref name="request"/>, or null when no <see cref="ResilienceHandler"/> sent it.</summary>
    public static RetryClock? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(ResilienceHandler.RetryClockOption, out var clock) ? clock : null;
}
