using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace SatDownload.Http;

/// <summary>
/// Turns failed responses and transport failures into <see cref="ProviderRequestException"/>s with a readable message:
/// the provider's own code and message (via a per-provider decoder, falling back to <see cref="DecodeCommonJson"/>), the
/// request id from the usual headers, Retry-After in the provider's unit, and a redacted body excerpt of at most 500
/// characters. HTML error pages are summarised by their title instead of being dumped.
/// </summary>
public static class ProviderErrors
{
    /// <summary>The longest body excerpt kept on an exception.</summary>
    public const int MaxExcerptLength = 500;

    /// <summary>How much of an error body is read (larger bodies are truncated; error bodies are never large for good reasons).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] RequestIdHeaders =
    [
        "x-request-id", "x-amzn-requestid", "x-amz-request-id", "x-correlation-id", "request-id", "x-ms-request-id",
        "x-trace-id", "x-amzn-trace-id", "cf-ray", "traceparent",
    ];

    /// <summary>Formats an operation name: method + path template, never a query string.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathTemplate">The path template, for example <c>/api/v1/tasks/{id}</c>.</param>
    /// <returns>For example <c>GET /api/v1/tasks/{id}</c>.</returns>
    public static string Operation(HttpMethod method, string pathTemplate)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathTemplate);
        var q = pathTemplate.IndexOf('?', StringComparison.Ordinal);
        return method.Method + " " + (q >= 0 ? pathTemplate[..q] : pathTemplate);
    }

    /// <summary>Throws a <see cref="ProviderRequestException"/> (and disposes the response) when the status is not 2xx.</summary>
    /// <param name="response">The response.</param>
    /// <param name="provider">The provider name (see <see cref="ProviderNames"/>).</param>
    /// <param name="operation">Method + path template; when null, taken from <see cref="ProviderRequestOptions.Operation"/> or the request path.</param>
    /// <param name="decoder">The provider's body decoder; <see cref="DecodeCommonJson"/> is tried when it returns null.</param>
    /// <param name="retryAfterUnit">The unit of a numeric Retry-After.</param>
    /// <param name="timeProvider">Clock for HTTP-date Retry-After values.</param>
    /// <param name="cancellationToken">Cancels reading the error body.</param>
    /// <returns>A task that completes when the response is a success.</returns>
    public static async Task EnsureSuccessAsync(
        HttpResponseMessage response,
        string provider,
        string? operation = null,
        Func<ProviderErrorBody, DecodedProviderError?>? decoder = null,
        RetryAfterUnit retryAfterUnit = RetryAfterUnit.Seconds,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        using (response)
        {
            throw await CreateExceptionAsync(response, provider, operation, decoder, retryAfterUnit, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Builds the exception for a failed response (reads at most <see cref="MaxBodyBytes"/> of the body; does not dispose the response).</summary>
    /// <param name="response">The failed response.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="operation">Method + path template; when null, taken from the request.</param>
    /// <param name="decoder">The provider's body decoder; <see cref="DecodeCommonJson"/> is tried when it returns null.</param>
    /// <param name="retryAfterUnit">The unit of a numeric Retry-After.</param>
    /// <param name="timeProvider">Clock for HTTP-date Retry-After values.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception, ready to throw.</returns>
    public static async Task<ProviderRequestException> CreateExceptionAsync(
        HttpResponseMessage response,
        string provider,
        string? operation = null,
        Func<ProviderErrorBody, DecodedProviderError?>? decoder = null,
        RetryAfterUnit retryAfterUnit = RetryAfterUnit.Seconds,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        string text;
        try
        {
            text = await ReadBodyTextAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            text = string.Empty;
        }

        var body = new ProviderErrorBody((int)response.StatusCode, response.Content?.Headers.ContentType?.MediaType, text, response.Headers);
        return Create(body, provider, operation ?? ProviderRequestOptions.GetOperation(response.RequestMessage), decoder,
            RetryAfterParser.Parse(response, retryAfterUnit, timeProvider), GetRequestId(response.Headers), response.ReasonPhrase);
    }

    /// <summary>Builds the exception from an already-read body (for adapters that read the body themselves).</summary>
    /// <param name="body">The failed response's body.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="operation">Method + path template.</param>
    /// <param name="decoder">The provider's body decoder; <see cref="DecodeCommonJson"/> is tried when it returns null.</param>
    /// <param name="retryAfter">The Retry-After already read from the headers.</param>
    /// <param name="requestId">The request id already read from the headers (found in <see cref="ProviderErrorBody.Headers"/> when null).</param>
    /// <param name="reasonPhrase">The HTTP reason phrase, used when the body says nothing.</param>
    /// <returns>The exception.</returns>
    public static ProviderRequestException Create(
        ProviderErrorBody body,
        string provider,
        string? operation,
        Func<ProviderErrorBody, DecodedProviderError?>? decoder = null,
        TimeSpan? retryAfter = null,
        string? requestId = null,
        string? reasonPhrase = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        DecodedProviderError? decoded = null;
        try
        {
            decoded = decoder?.Invoke(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            // A decoder that trips over an unexpected shape must not hide the real error; fall back to the generic one.
            decoded = null;
        }

        decoded ??= DecodeCommonJson(body);

        string? message = decoded?.Message;
        string? excerpt;
        if (body.IsHtml)
        {
            var summary = HtmlText.Summarize(body.Text);
            message ??= summary.Length == 0 ? "the provider returned an HTML error page" : $"the provider returned an HTML error page: \"{summary}\"";
            excerpt = summary.Length == 0 ? null : summary;
        }
        else
        {
            var collapsed = HtmlText.CollapseWhitespace(body.Text);
            excerpt = collapsed.Length == 0 ? null : Excerpt(collapsed);
            if (message is null && collapsed.Length > 0 && !body.IsJson)
            {
                message = HtmlText.Shorten(collapsed, 200);
            }
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            message = string.IsNullOrWhiteSpace(reasonPhrase) ? DefaultReason(body.Status) : reasonPhrase;
        }

        var hint = Hint(body.Status, decoded?.ErrorCode);
        if (hint is not null && !message.Contains(hint, StringComparison.Ordinal))
        {
            message = message.TrimEnd().TrimEnd('.') + ". " + hint;
        }

        return new ProviderRequestException(new ProviderErrorDetails
        {
            Provider = provider ?? string.Empty,
            Operation = operation,
            Status = body.Status,
            ErrorCode = decoded?.ErrorCode,
            Message = message,
            RequestId = decoded?.RequestId ?? requestId ?? GetRequestId(body.Headers),
            RetryAfter = decoded?.RetryAfter ?? retryAfter,
            BodyExcerpt = excerpt,
            IsRetryable = decoded?.IsRetryable,
        });
    }

    /// <summary>
    /// Wraps a failure that happened before any response arrived (connection refused, DNS, TLS, reset, timeout) into a
    /// <see cref="ProviderRequestException"/> with <see cref="ProviderRequestException.Status"/> 0 that names the provider and the call.
    /// </summary>
    /// <param name="exception">The transport exception.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="operation">Method + path template.</param>
    /// <returns>The exception, ready to throw; retryable.</returns>
    public static ProviderRequestException FromTransportFailure(Exception exception, string provider, string? operation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ProviderRequestException(
            new ProviderErrorDetails
            {
                Provider = provider ?? string.Empty,
                Operation = operation,
                Status = 0,
                Message = DescribeTransportFailure(exception),
                IsRetryable = true,
            },
            exception);
    }

    /// <summary>Whether an exception is a transport failure that <see cref="FromTransportFailure"/> should wrap.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="cancellationToken">The caller's token: a cancellation the caller asked for is not a transport failure.</param>
    /// <returns><see langword="true"/> for network errors and timeouts.</returns>
    public static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken = default) =>
        exception is HttpRequestException or IOException or TimeoutException or SocketException ||
        (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>
    /// Decodes the common JSON error shapes: <c>{"error":{"message","code"}}</c> (Sentinel Hub, Capella),
    /// <c>{"Error":{"Message","Code"}}</c> (ClearSKY), OAuth/Keycloak <c>{"error","error_description"}</c>,
    /// <c>{"error":"text"}</c>, <c>{"message"}</c>, <c>{"detail"}</c> (string or validation list), <c>{"code","description"}</c>,
    /// problem+json <c>{"title","detail","code"}</c>. Property names are matched case-insensitively.
    /// </summary>
    /// <param name="body">The error body.</param>
    /// <returns>The decoded error, or null when the body is not JSON or has none of these shapes.</returns>
    public static DecodedProviderError? DecodeCommonJson(ProviderErrorBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.IsJson || !body.TryParseJson(out var root) || root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? code = null;
        string? message = null;
        string? requestId = Text(Get(root, "requestId")) ?? Text(Get(root, "request_id")) ?? Text(Get(root, "traceId"));

        if (Get(root, "error") is { } error)
        {
            if (error.ValueKind == JsonValueKind.Object)
            {
                code = Text(Get(error, "code")) ?? Text(Get(error, "type"));
                message = Text(Get(error, "message")) ?? Text(Get(error, "description")) ?? Text(Get(error, "detail")) ?? Text(Get(error, "reason"));
                message = AppendDetails(message, Get(error, "detail") ?? Get(error, "errors"));
                requestId ??= Text(Get(error, "requestId"));
            }
            else if (error.ValueKind == JsonValueKind.String)
            {
                var text = error.GetString();
                var description = Text(Get(root, "error_description"));
                if (description is not null || (text is not null && LooksLikeCode(text)))
                {
                    code = text;
                    message = description ?? Text(Get(root, "message"));
                }
                else
                {
                    message = text;
                    code = Text(Get(root, "code"));
                }
            }
        }

        if (code is null && message is null)
        {
            code = Text(Get(root, "code")) ?? Text(Get(root, "errorCode")) ?? Text(Get(root, "error_code"));
            var title = Text(Get(root, "title"));
            var detail = Get(root, "detail") ?? Get(root, "details");
            var detailText = detail is { ValueKind: JsonValueKind.String } ? detail.Value.GetString() : null;
            message = Text(Get(root, "message")) ?? Text(Get(root, "description")) ?? Text(Get(root, "error_message")) ?? Text(Get(root, "errorMessage"));
            if (message is null)
            {
                message = title is not null && detailText is not null && !detailText.Contains(title, StringComparison.OrdinalIgnoreCase)
                    ? title + ": " + detailText
                    : detailText ?? title;
            }

            if (detail is { ValueKind: JsonValueKind.Array or JsonValueKind.Object })
            {
                message = AppendDetails(message, detail);
            }
            else
            {
                message = AppendDetails(message, Get(root, "errors"));
            }

            if (message is null && code is null && title is null && Text(Get(root, "reason")) is { } reason)
            {
                message = reason;
            }
        }

        if (code is null && message is null)
        {
            return null;
        }

        return new DecodedProviderError { ErrorCode = code, Message = message, RequestId = requestId };
    }

    /// <summary>Finds the request id in the usual headers (<c>x-request-id</c>, <c>x-amzn-requestid</c>, <c>x-correlation-id</c>, <c>request-id</c>, the trace id of <c>traceparent</c>, …).</summary>
    /// <param name="headers">The response headers.</param>
    /// <returns>The id, or null.</returns>
    public static string? GetRequestId(HttpResponseHeaders? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var name in RequestIdHeaders)
        {
            if (headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } value)
            {
                value = value.Trim();
                if (name == "traceparent")
                {
                    // version-traceid-parentid-flags: the trace id is what support teams search for.
                    var parts = value.Split('-');
                    return parts.Length >= 2 ? parts[1] : value;
                }

                return value.Length > 200 ? value[..200] : value;
            }
        }

        return null;
    }

    /// <summary>Summarises an HTML page as its title (or first heading, or first visible text), at most 200 characters.</summary>
    /// <param name="html">The HTML text.</param>
    /// <returns>A one-line summary.</returns>
    public static string SummarizeHtml(string html) => HtmlText.Summarize(html ?? string.Empty);

    internal static string Excerpt(string text)
    {
        var redacted = Redactor.Redact(text);
        return redacted.Length <= MaxExcerptLength ? redacted : redacted[..(MaxExcerptLength - 1)] + "…";
    }

    internal static async Task<string> ReadBodyTextAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return string.Empty;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return GetEncoding(content.Headers.ContentType).GetString(buffer, 0, total);
        }
    }

    internal static Encoding GetEncoding(MediaTypeHeaderValue? contentType)
    {
        var charset = contentType?.CharSet?.Trim('"');
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                return Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // Unknown charset names fall back to UTF-8, which is what JSON APIs send anyway.
            }
        }

        return Encoding.UTF8;
    }

    private static string DescribeTransportFailure(Exception exception)
    {
        // Our own timeouts (ResilienceHandler, IdleTimeoutStream) already say what timed out and for how long.
        if (exception is TimeoutException top)
        {
            return "no response from the provider: " + top.Message;
        }

        var inner = exception;
        while (inner.InnerException is not null && inner is not SocketException and not TimeoutException)
        {
            inner = inner.InnerException;
        }

        var detail = inner switch
        {
            SocketException se => se.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "the connection was refused (is the service up and the base address right?)",
                SocketError.HostNotFound or SocketError.NoData => "the host name could not be resolved (check the base address)",
                SocketError.TimedOut => "the connection timed out",
                SocketError.ConnectionReset => "the connection was reset by the server",
                _ => "a network error occurred (" + se.SocketErrorCode.ToString() + ")",
            },
            TimeoutException when exception is OperationCanceledException => exception.Message, // HttpClient.Timeout
            TimeoutException te => te.Message,
            _ => null,
        };

        if (detail is null)
        {
            detail = exception switch
            {
                HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "the server closed the connection before the response was complete",
                HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the host name could not be resolved (check the base address)",
                HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "the TLS handshake failed (" + exception.Message + ")",
                TimeoutException or OperationCanceledException => "the request timed out",
                IOException => "the connection failed while transferring data (" + exception.Message + ")",
                _ => exception.Message,
            };
        }

        return "no response from the provider: " + detail;
    }

    private static string? Hint(int status, string? code)
    {
        if (string.Equals(code, "invalid_client", StringComparison.OrdinalIgnoreCase) || string.Equals(code, "unauthorized_client", StringComparison.OrdinalIgnoreCase))
        {
            return "Check the OAuth client id and secret (and that they belong to this provider's identity service).";
        }

        return status switch
        {
            401 => "Check the credentials (API key, client id/secret or token).",
            403 => "The credentials are valid but not allowed to do this (check the account's permissions, contract or quota).",
            429 => "The provider is rate limiting this account; slow down or retry later.",
            _ => null,
        };
    }

    private static string DefaultReason(int status) =>
        status == 0 ? "no response" : ((HttpStatusCode)status).ToString() switch
        {
            var s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => "HTTP " + s,
            var s => SplitPascal(s),
        };

    private static string SplitPascal(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append(' ');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool LooksLikeCode(string text) =>
        text.Length is > 0 and <= 64 && !text.Contains(' ', StringComparison.Ordinal);

    private static JsonElement? Get(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact.ValueKind == JsonValueKind.Null ? null : exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }

    private static string? Text(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => string.IsNullOrWhiteSpace(e.GetString()) ? null : e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    private static string? AppendDetails(string? message, JsonElement? details)
    {
        if (details is not { } d)
        {
            return message;
        }

        var items = new List<string>();
        if (d.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in d.EnumerateArray().Take(5))
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    items.Add(item.GetString()!);
                }
                else if (item.ValueKind == JsonValueKind.Object)
                {
                    var msg = Text(Get(item, "message")) ?? Text(Get(item, "msg")) ?? Text(Get(item, "detail")) ?? Text(Get(item, "description"));
                    var where = Get(item, "path") ?? Get(item, "loc") ?? Get(item, "field") ?? Get(item, "property");
                    var whereText = where is { ValueKind: JsonValueKind.Array } w
                        ? string.Join('.', w.EnumerateArray().Select(x => Text(x) ?? string.Empty))
                        : Text(where);
                    if (msg is not null)
                    {
                        items.Add(whereText is null ? msg : whereText + ": " + msg);
                    }
                }
            }
        }
        else if (d.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in d.EnumerateObject().Take(5))
            {
                var value = property.Value.ValueKind == JsonValueKind.Array
                    ? string.Join("; ", property.Value.EnumerateArray().Select(x => Text(x) ?? x.GetRawText()))
                    : Text(property.Value) ?? property.Value.GetRawText();
                items.Add(property.Name + ": " + HtmlText.Shorten(value, 200));
            }
        }

        if (items.Count == 0)
        {
            return message;
        }

        var joined = string.Join("; ", items);
        return message is null ? joined : message.TrimEnd().TrimEnd('.') + " (" + joined + ")";
    }
}
