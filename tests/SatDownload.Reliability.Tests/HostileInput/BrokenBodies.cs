namespace SatDownload.Reliability.Tests.HostileInput;

/// <summary>
/// The broken bodies every typed call of every adapter must refuse with a readable <see cref="ProviderRequestException"/>:
/// one list, so each provider's hostile-response tests run the same corpus plus the shapes their own calls read.
/// </summary>
internal static class BrokenBodies
{
    /// <summary>(name, status, body, content type, text the error message must contain).</summary>
    /// <param name="html">The provider's HTML maintenance or gateway page.</param>
    /// <param name="truncatedJson">A body of the call's own shape, cut off mid-value.</param>
    /// <param name="emptyBodyText">What the message must say for an empty body (the adapter's own wording).</param>
    public static (string Name, int Status, string Body, string ContentType, string Expected)[] Common(string html, string truncatedJson, string emptyBodyText = "empty body") =>
    [
        ("empty body", 200, string.Empty, "application/json", emptyBodyText),
        ("JSON null", 200, "null", "application/json", "null"),
        ("HTML page with 200", 200, html, "text/html; charset=utf-8", "HTML"),
        ("HTML page with 502", 502, html, "text/html; charset=utf-8", "502"),
        ("array instead of object", 200, "[1,2,3]", "application/json", "does not match"),
        ("truncated JSON", 200, truncatedJson, "application/json", "truncated"),
        ("plain text", 200, "Service temporarily unavailable", "text/plain", "does not match"),
    ];
}
