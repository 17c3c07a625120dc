using System.Globalization;
using System.Net;
using System.Text.Json;
using SatDownload.Http;

namespace SatDownload.SentinelHub;

/// <summary>
/// Decodes every error body Sentinel Hub uses into <see cref="ProviderErrorDetails"/>: the wrapper
/// <c>{"error":{status,reason,message,code,errors}}</c>, the same object unwrapped, Catalog's <c>{code, description}</c>,
/// Keycloak's <c>{error, error_description}</c>, and HTML or plain-text bodies (e.g. token-endpoint 429s).
/// </summary>
public static class SentinelHubErrorDecoder
{
    private const int MaxExcerpt = 512;

    /// <summary>Headers that carry a request id.</summary>
    private static readonly string[] RequestIdHeaders = ["x-request-id", "x-amzn-requestid", "request-id", "x-correlation-id"];

    /// <summary>Decodes a failed response.</summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="body">The body text (may be empty).</param>
    /// <param name="operation">What the client was doing, e.g. <c>process</c>.</param>
    /// <param name="retryAfterHeader">The raw <c>Retry-After</c> header: milliseconds on Sentinel Hub.</param>
    /// <param name="requestId">A request id from the headers, if any.</param>
    /// <param name="now">Current time (for HTTP-date Retry-After values).</param>
    /// <returns>The details.</returns>
    public static ProviderErrorDetails Decode(int status, string? body, string? operation, string? retryAfterHeader, string? requestId, DateTimeOffset now)
    {
        string? code = null;
        string? message = null;
        string? reason = null;
        var trimmed = body?.Trim() ?? string.Empty;
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                var root = doc.RootElement;
                if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    ReadShObject(error, ref code, ref message, ref reason);
                }
                else if (root.TryGetProperty("error", out error) && error.ValueKind == JsonValueKind.String)
                {
                    // Keycloak: {"error":"invalid_client","error_description":"Invalid client or Invalid client credentials"}
                    code = error.GetString();
                    message = root.TryGetProperty("error_description", out var d) ? AsText(d) : null;
                }
                else if (root.TryGetProperty("description", out var description))
                {
                    // Catalog: {"code": 404, "description": "Collection not found."}
                    code = root.TryGetProperty("code", out var c) ? AsText(c) : null;
                    message = AsText(description);
                }
                else
                {
                    // The 429 example in the rate-limit docs is the wrapper's inner object without the wrapper.
                    ReadShObject(root, ref code, ref message, ref reason);
                }
            }
            catch (JsonException)
            {
                message = null;
            }
        }
        else if (trimmed.Length > 0)
        {
            message = StripHtml(trimmed);
        }

        message ??= reason;
        var retryAfter = RetryAfterParser.Parse(retryAfterHeader, RetryAfterUnit.Milliseconds, now);
        var retryable = SentinelHubErrorCodes.IsRetryable(code) || ProviderRequestException.IsRetryableStatus(status);
        if (code == SentinelHubErrorCodes.RendererException)
        {
            // An evalscript error repeats on every attempt.
            retryable = false;
        }

        return new ProviderErrorDetails
        {
            Provider = ProviderNames.SentinelHub,
            Operation = operation,
            Status = status,
            ErrorCode = code ?? (status == (int)HttpStatusCode.TooManyRequests ? SentinelHubErrorCodes.RateLimitExceeded : null),
            Message = message,
            RequestId = requestId,
            RetryAfter = retryAfter,
            BodyExcerpt = trimmed.Length == 0 ? null : trimmed[..Math.Min(trimmed.Length, MaxExcerpt)],
            IsRetryable = retryable,
        };
    }

    /// <summary>The body decoder plugged into the shared <see cref="ProviderErrors"/> (non-JSON bodies fall back to its HTML/text summary).</summary>
    /// <param name="body">The failed response body.</param>
    /// <returns>The decoded error, or null when the body is not one of Sentinel Hub's JSON shapes.</returns>
    public static DecodedProviderError? DecodeBody(ProviderErrorBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.Text.TrimStart().StartsWith('{'))
        {
            return null;
        }

        var d = Decode(body.Status, body.Text, null, null, null, DateTimeOffset.UnixEpoch);
        return new DecodedProviderError { ErrorCode = d.ErrorCode, Message = d.Message, IsRetryable = d.IsRetryable };
    }

    /// <summary>
    /// The <see cref="DownloadLocation.ErrorDecoder"/> of Process POSTs sent by a downloader that is not this adapter's
    /// pipeline (<see cref="SatDownloadClient"/>'s shared <see cref="AssetDownloader"/>): the same decoding as
    /// <see cref="Decode"/>, with <c>Retry-After</c> read in milliseconds (the downloader would read seconds) and
    /// <c>RENDERER_EXCEPTION</c> and 4xx errors marked not retryable, so an evalscript error fails at once with the
    /// service's message verbatim.
    /// </summary>
    /// <param name="timeProvider">The clock for HTTP-date Retry-After values; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The decoder.</returns>
    public static Func<ProviderErrorBody, DecodedProviderError?> ForDownloads(TimeProvider? timeProvider = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        return body =>
        {
            ArgumentNullException.ThrowIfNull(body);
            string? retryAfterHeader = null;
            string? requestId = null;
            if (body.Headers is { } headers)
            {
                retryAfterHeader = headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
                requestId = ProviderErrors.GetRequestId(headers);
            }

            var d = Decode(body.Status, body.IsHtml ? null : body.Text, "process", retryAfterHeader, requestId, time.GetUtcNow());
            return new DecodedProviderError { ErrorCode = d.ErrorCode, Message = d.Message, RequestId = d.RequestId, IsRetryable = d.IsRetryable, RetryAfter = d.RetryAfter };
        };
    }

    /// <summary>Reads a failed <see cref="HttpResponseMessage"/> and builds the exception (Retry-After read as milliseconds).</summary>
    /// <param name="response">The failed response.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The exception to throw.</returns>
    public static Task<ProviderRequestException> CreateExceptionAsync(HttpResponseMessage response, string operation, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        ProviderErrors.CreateExceptionAsync(response, ProviderNames.SentinelHub, operation, DecodeBody, RetryAfterUnit.Milliseconds, timeProvider, cancellationToken);

    /// <summary>The raw <c>Retry-After</c> value of a response.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The value or null.</returns>
    public static string? RetryAfterValue(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
    }

    /// <summary>The request id of a response, if it carries one.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The id or null.</returns>
    public static string? RequestId(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } v)
            {
                return v;
            }
        }

        return null;
    }

    private static void ReadShObject(JsonElement e, ref string? code, ref string? message, ref string? reason)
    {
        if (e.TryGetProperty("code", out var c))
        {
            code = AsText(c);
        }

        if (e.TryGetProperty("message", out var m))
        {
            message = AsText(m);
        }

        if (e.TryGetProperty("reason", out var r))
        {
            reason = AsText(r);
        }

        if (e.TryGetProperty("errors", out var errors) && ((errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any()) || (errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)) && errors.GetRawText() is var raw)
        {
            // Field-level validation details ("errors") are what tells the user which field is wrong.
            message = string.IsNullOrEmpty(message) ? raw : message + " " + raw;
        }
    }

    private static string? AsText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.GetRawText(),
    };

    private static string StripHtml(string text)
    {
        if (!text.StartsWith('<'))
        {
            return text.Length > MaxExcerpt ? text[..MaxExcerpt] : text;
        }

        var sb = new System.Text.StringBuilder();
        var inTag = false;
        foreach (var ch in text)
        {
            if (ch == '<')
            {
                inTag = true;
                sb.Append(' ');
            }
            else if (ch == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                sb.Append(ch);
            }
        }

        var collapsed = string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length > MaxExcerpt ? collapsed[..MaxExcerpt] : collapsed.ToString(CultureInfo.InvariantCulture);
    }
}
