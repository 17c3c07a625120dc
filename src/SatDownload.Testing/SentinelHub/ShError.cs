using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SatDownload.Testing.SentinelHub;

/// <summary>Writes Sentinel Hub's error shapes.</summary>
internal static class ShError
{
    public static IResult Wrapped(int status, string code, string message, string? retryAfterMs = null, object? errors = null)
    {
        var reason = status switch
        {
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            409 => "Conflict",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            _ => "Error",
        };
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["error"] = new Dictionary<string, object?>
            {
                ["status"] = status,
                ["reason"] = reason,
                ["message"] = message,
                ["code"] = code,
                ["errors"] = errors,
            },
        });
        return new RawResult(status, body, "application/json", retryAfterMs);
    }

    public static IResult Catalog(int status, string description) =>
        new RawResult(status, JsonSerializer.Serialize(new Dictionary<string, object?> { ["code"] = status, ["description"] = description }), "application/json", null);

    public static IResult Keycloak(int status, string error, string description) =>
        new RawResult(status, JsonSerializer.Serialize(new Dictionary<string, object?> { ["error"] = error, ["error_description"] = description }), "application/json", null);

    public static IResult Html(int status, string text) =>
        new RawResult(status, "<html><head><title>" + status.ToString(CultureInfo.InvariantCulture) + " " + text + "</title></head><body><h1>" + text + "</h1></body></html>", "text/html", null);

    internal sealed class RawResult(int status, string body, string contentType, string? retryAfterMs) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            if (retryAfterMs is not null)
            {
                httpContext.Response.Headers["Retry-After"] = retryAfterMs;
            }

            await httpContext.Response.WriteAsync(body).ConfigureAwait(false);
        }
    }
}
