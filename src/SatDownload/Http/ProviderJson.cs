using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SatDownload.Http;

/// <summary>
/// Reads typed JSON bodies with source-generated metadata and turns every way a body can be wrong (empty, HTML, truncated,
/// wrong types, <c>null</c>) into a <see cref="ProviderRequestException"/> that says what was expected and at which JSON
/// path. A raw <see cref="JsonException"/> never escapes.
/// </summary>
public static class ProviderJson
{
    /// <summary>Reads a successful response's body as <typeparamref name="T"/>; a failed response becomes the provider's error.</summary>
    /// <typeparam name="T">The wire model.</typeparam>
    /// <param name="response">The response (not disposed).</param>
    /// <param name="typeInfo">Source-generated metadata, for example <c>MyJsonContext.Default.TaskDto</c>.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="operation">Method + path template; when null, taken from the request.</param>
    /// <param name="errorDecoder">Decoder for non-2xx bodies (see <see cref="ProviderErrors"/>).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The value (never null).</returns>
    /// <exception cref="ProviderRequestException">The status is not 2xx, or the body is not the expected JSON.</exception>
    public static Task<T> ReadAsync<T>(
        HttpResponseMessage response,
        JsonTypeInfo<T> typeInfo,
        string provider,
        string? operation = null,
        Func<ProviderErrorBody, DecodedProviderError?>? errorDecoder = null,
        CancellationToken cancellationToken = default) =>
        ReadAsync(response, typeInfo, provider, operation, errorDecoder, timeProvider: null, cancellationToken);

    /// <summary>
    /// Reads a successful response's body as <typeparamref name="T"/>; a failed response becomes the provider's error, with
    /// an HTTP-date Retry-After measured against <paramref name="timeProvider"/>.
    /// </summary>
    /// <typeparam name="T">The wire model.</typeparam>
    /// <param name="response">The response (not disposed).</param>
    /// <param name="typeInfo">Source-generated metadata, for example <c>MyJsonContext.Default.TaskDto</c>.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="operation">Method + path template; when null, taken from the request.</param>
    /// <param name="errorDecoder">Decoder for non-2xx bodies (see <see cref="ProviderErrors"/>).</param>
    /// <param name="timeProvider">
    /// The clock for an HTTP-date Retry-After. When null: the clock of the <see cref="ResilienceHandler"/> that sent the
    /// request (and its Retry-After unit), else the system clock.
    /// </param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The value (never null).</returns>
    /// <exception cref="ProviderRequestException">The status is not 2xx, or the body is not the expected JSON.</exception>
    public static async Task<T> ReadAsync<T>(
        HttpResponseMessage response,
        JsonTypeInfo<T> typeInfo,
        string provider,
        string? operation,
        Func<ProviderErrorBody, DecodedProviderError?>? errorDecoder,
        TimeProvider? timeProvider,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(typeInfo);
        operation ??= ProviderRequestOptions.GetOperation(response.RequestMessage);
        if (!response.IsSuccessStatusCode)
        {
            // Why the handler's clock: with a virtual clock in tests (or a skewed one in production), a Retry-After date
            // measured against the system clock is hours off.
            var sent = RetryClock.Of(response.RequestMessage);
            throw await ProviderErrors.CreateExceptionAsync(response, provider, operation, errorDecoder,
                sent?.RetryAfterUnit ?? RetryAfterUnit.Seconds, timeProvider ?? sent?.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        byte[] bytes;
        try
        {
            bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderErrors.IsTransportFailure(ex, cancellationToken))
        {
            throw ProviderErrors.FromTransportFailure(ex, provider, operation);
        }

        return Deserialize(bytes, typeInfo, provider, operation, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            ProviderErrors.GetRequestId(response.Headers));
    }

    /// <summary>Deserializes a body already in memory, with the same error handling as <c>ReadAsync</c>.</summary>
    /// <typeparam name="T">The wire model.</typeparam>
    /// <param name="utf8Json">The body bytes.</param>
    /// <param name="typeInfo">Source-generated metadata.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="operation">Method + path template.</param>
    /// <param name="status">The HTTP status the body came with (for the exception).</param>
    /// <param name="contentType">The body's media type, when known.</param>
    /// <param name="requestId">The request id, when known.</param>
    /// <returns>The value (never null).</returns>
    /// <exception cref="ProviderRequestException">The body is not the expected JSON.</exception>
    public static T Deserialize<T>(
        ReadOnlySpan<byte> utf8Json,
        JsonTypeInfo<T> typeInfo,
        string provider,
        string? operation,
        int status = 200,
        string? contentType = null,
        string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var expected = Describe(typeof(T));
        var trimmed = TrimStart(utf8Json);
        if (trimmed.Length == 0)
        {
            throw Fail(provider, operation, status, requestId, $"returned an empty body where JSON ({expected}) was expected", null, null);
        }

        if (trimmed[0] == (byte)'<' || HtmlText.LooksLikeHtml(contentType, null))
        {
            var text = Encoding.UTF8.GetString(utf8Json.Length > ProviderErrors.MaxBodyBytes ? utf8Json[..ProviderErrors.MaxBodyBytes] : utf8Json);
            var summary = HtmlText.LooksLikeHtml(contentType, text) || text.TrimStart().StartsWith('<') ? HtmlText.Summarize(text) : string.Empty;
            throw Fail(provider, operation, status, requestId,
                $"returned an HTML/XML page{(summary.Length > 0 ? $" (\"{summary}\")" : string.Empty)} where JSON ({expected}) was expected; is the base address right?",
                summary, null);
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize(utf8Json, typeInfo);
        }
        catch (JsonException ex)
        {
            throw Fail(provider, operation, status, requestId, DescribeJsonError(ex, expected, utf8Json), Excerpt(utf8Json), ex);
        }
        catch (NotSupportedException ex)
        {
            throw Fail(provider, operation, status, requestId, $"returned JSON that cannot be read as {expected}: {ex.Message}", Excerpt(utf8Json), ex);
        }

        if (value is null)
        {
            throw Fail(provider, operation, status, requestId, $"returned JSON null where {expected} was expected", Excerpt(utf8Json), null);
        }

        return value;
    }

    private static ProviderRequestException Fail(string provider, string? operation, int status, string? requestId, string message, string? excerpt, Exception? inner) =>
        new(
            new ProviderErrorDetails
            {
                Provider = provider ?? string.Empty,
                Operation = operation,
                Status = status,
                ErrorCode = "INVALID_RESPONSE",
                Message = message,
                RequestId = requestId,
                BodyExcerpt = excerpt,
                IsRetryable = false,
            },
            inner);

    private static string DescribeJsonError(JsonException ex, string expected, ReadOnlySpan<byte> utf8Json)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var reason = ex.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            reason = reason[..cut];
        }

        reason = reason.Replace("The JSON value could not be converted to ", "a value could not be converted to ", StringComparison.Ordinal);
        if (ex.LineNumber is null && ex.BytePositionInLine is null && reason.Contains("'$'", StringComparison.Ordinal))
        {
            reason = "the document is not valid JSON";
        }

        var position = ex.LineNumber is { } line
            ? $" (line {line + 1}, byte {ex.BytePositionInLine.GetValueOrDefault() + 1})"
            : string.Empty;
        var truncated = LooksTruncated(ex, utf8Json) ? "the body ends before the JSON is complete (truncated response?)" : null;
        return $"returned JSON that does not match {expected} at {path}{position}: {truncated ?? reason}";
    }

    private static bool LooksTruncated(JsonException ex, ReadOnlySpan<byte> utf8Json)
    {
        // Utf8JsonReader reports running out of data at the very end of the input.
        var message = ex.Message;
        return message.Contains("end of data", StringComparison.OrdinalIgnoreCase) ||
               message.Contains("incomplete", StringComparison.OrdinalIgnoreCase) ||
               (message.Contains("Expected depth to be zero", StringComparison.OrdinalIgnoreCase) && utf8Json.Length > 0);
    }

    private static string Excerpt(ReadOnlySpan<byte> utf8Json)
    {
        var slice = utf8Json.Length > ProviderErrors.MaxExcerptLength * 2 ? utf8Json[..(ProviderErrors.MaxExcerptLength * 2)] : utf8Json;
        return ProviderErrors.Excerpt(HtmlText.CollapseWhitespace(Encoding.UTF8.GetString(slice)));
    }

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> span)
    {
        // Skip whitespace and a UTF-8 byte order mark.
        if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF)
        {
            span = span[3..];
        }

        var i = 0;
        while (i < span.Length && (span[i] == (byte)' ' || span[i] == (byte)'\t' || span[i] == (byte)'\r' || span[i] == (byte)'\n'))
        {
            i++;
        }

        return span[i..];
    }

    private static string Describe(Type type)
    {
        if (type.IsArray)
        {
            return "an array of " + type.GetElementType()!.Name;
        }

        if (type.IsGenericType)
        {
            var args = string.Join(", ", type.GetGenericArguments().Select(t => t.Name));
            var name = type.Name;
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            return (tick > 0 ? name[..tick] : name) + "<" + args + ">";
        }

        return type.Name;
    }
}
