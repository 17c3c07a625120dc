using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SatDownload.Testing;

/// <summary>
/// The middleware every request passes through: it installs the byte-counting, fault-aware response stream, applies
/// the scripted faults, runs the real endpoint and writes the redacted <see cref="RequestLog"/> entry.
/// </summary>
internal sealed class EmulatorRequestPipeline
{
    private readonly ProviderEmulator _emulator;
    private readonly int _maxLoggedBody;

    public EmulatorRequestPipeline(ProviderEmulator emulator, int maxLoggedBody)
    {
        _emulator = emulator;
        _maxLoggedBody = maxLoggedBody;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var sequence = _emulator.NextSequence();
        var timestamp = _emulator.Clock.GetUtcNow();
        var request = context.Request;
        var requestBody = await CaptureBodyAsync(request, context.RequestAborted).ConfigureAwait(false);
        var path = request.Path.Value ?? string.Empty;
        var query = RedactQuery(request.QueryString.Value, out var queryNames);
        var headers = RedactHeaders(request.Headers);

        var originalBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        var stream = new EmulatorResponseStream(originalBody.Stream, context.RequestAborted, _emulator.Stopping);
        var bodyFeature = new StreamResponseBodyFeature(stream, originalBody);
        context.Features.Set<IHttpResponseBodyFeature>(bodyFeature);

        var faults = _emulator.Faults.Evaluate(request);
        RequestLogEntry? published = null;
        void Publish(long bytesSent, bool aborted)
        {
            var entry = new RequestLogEntry
            {
                Sequence = sequence,
                Timestamp = timestamp,
                Method = request.Method,
                Path = path,
                Query = query,
                QueryParameterNames = queryNames,
                Headers = headers,
                RequestBody = requestBody,
                Provider = _emulator.ProviderFor(path),
                StatusCode = aborted && !context.Response.HasStarted ? 0 : context.Response.StatusCode,
                BytesSent = bytesSent,
                Aborted = aborted,
                Faults = faults?.Select(f => f.Kind).ToArray() ?? [],
            };

            if (published is null)
            {
                _emulator.Requests.Add(entry);
            }
            else if (published != entry)
            {
                _emulator.Requests.Replace(published, entry);
            }

            published = entry;
        }

        stream.DeclaredLength = () => context.Response.ContentLength;
        stream.BeforeFinalWrite = bytes => Publish(bytes, aborted: false);
        var aborted = false;
        try
        {
            var handled = await ApplyFaultsAsync(context, faults, stream).ConfigureAwait(false);
            if (!handled)
            {
                await next(context).ConfigureAwait(false);
            }

            // Log before the response is completed: the client may see the end of the response as soon as it is.
            stream.BeforeFinalWrite = null;
            if (published is null && !context.Response.HasStarted)
            {
                Publish(stream.BytesWritten, aborted: false);
            }

            await bodyFeature.CompleteAsync().ConfigureAwait(false);
        }
        catch (ResponseCutException) when (stream.WasCut)
        {
            var abortRule = faults?.Any(f => f.Kind == FaultKind.AbortAfterBytes) == true;
            if (abortRule || context.Response.ContentLength is null)
            {
                aborted = true;
                Publish(stream.BytesWritten, aborted: true);

                // Reset the connection: the client sees an IOException mid-body.
                context.Abort();
            }

            // Otherwise return normally: Kestrel notices fewer bytes than Content-Length and ends the connection after
            // the bytes already sent, so the client gets exactly K bytes and then ResponseEnded.
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException &&
                                   (context.RequestAborted.IsCancellationRequested || _emulator.Stopping.IsCancellationRequested))
        {
            aborted = true;
            context.Abort();
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            // A bug in an emulator handler: answer 500 with the exception so the failing test shows why.
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/plain; charset=utf-8";
            var text = Encoding.UTF8.GetBytes("Emulator handler failed: " + ex);
            context.Response.ContentLength = text.Length;
            await context.Response.Body.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(originalBody);
            Publish(stream.BytesWritten, aborted || context.RequestAborted.IsCancellationRequested);
        }
    }

    private static string RedactQuery(string? query, out IReadOnlyList<string> names)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            names = [];
            return string.Empty;
        }

        var list = new List<string>();
        var sb = new StringBuilder("?");
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            list.Add(Uri.UnescapeDataString(name.Replace('+', ' ')));
            if (sb.Length > 1)
            {
                sb.Append('&');
            }

            sb.Append(name).Append('=').Append(Redactor.Mask);
        }

        names = list;
        return sb.ToString();
    }

    private static Dictionary<string, string> RedactHeaders(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            result[header.Key] = Redactor.RedactHeader(header.Key, header.Value.ToString());
        }

        return result;
    }

    private static bool IsTextual(string? contentType) =>
        contentType is not null &&
        (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) ||
         contentType.Contains("xml", StringComparison.OrdinalIgnoreCase) ||
         contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ||
         contentType.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));

    private async Task<string?> CaptureBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Chunked bodies (no Content-Length, e.g. JsonContent) are captured too, up to the limit.
        if (_maxLoggedBody <= 0 || !IsTextual(request.ContentType) || request.ContentLength == 0 || request.ContentLength > _maxLoggedBody)
        {
            return null;
        }

        // Buffer the body so the endpoint can still read it after the log has.
        request.EnableBuffering(_maxLoggedBody);
        var buffer = new byte[_maxLoggedBody + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        request.Body.Position = 0;
        return total == 0 || total > _maxLoggedBody ? null : Redactor.Redact(Encoding.UTF8.GetString(buffer, 0, total));
    }

    private async Task<bool> ApplyFaultsAsync(HttpContext context, List<FaultRule>? faults, EmulatorResponseStream stream)
    {
        if (faults is null)
        {
            return false;
        }

        foreach (var rule in faults)
        {
            switch (rule.Kind)
            {
                case FaultKind.ChangeBlobContent when rule.Target.BlobName is { } blobName && _emulator.Blobs.TryGet(blobName, out _):
                    _emulator.Blobs.ChangeContent(blobName);
                    break;
                case FaultKind.DelayHeaders:
                    using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _emulator.Stopping))
                    {
                        // Real time on purpose: the point is to trip the client's real timeouts.
                        await Task.Delay(rule.Delay, TimeProvider.System, linked.Token).ConfigureAwait(false);
                    }

                    break;
                case FaultKind.AbortAfterBytes:
                case FaultKind.TruncateBody:
                    stream.CutAfter = Math.Min(stream.CutAfter ?? long.MaxValue, rule.ByteCount);
                    break;
                case FaultKind.PaceBody:
                    stream.BytesPerSecond = rule.BytesPerSecond;
                    break;
            }
        }

        foreach (var rule in faults)
        {
            switch (rule.Kind)
            {
                case FaultKind.Custom:
                    if (await rule.Handler!(context).ConfigureAwait(false))
                    {
                        return true;
                    }

                    break;
                case FaultKind.Status:
                    await WriteStatusAsync(context, rule).ConfigureAwait(false);
                    return true;
                case FaultKind.Hang:
                    using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _emulator.Stopping))
                    {
                        await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, linked.Token).ConfigureAwait(false);
                    }

                    return true;
            }
        }

        return false;
    }

    private static async Task WriteStatusAsync(HttpContext context, FaultRule rule)
    {
        var response = context.Response;
        response.StatusCode = rule.StatusCode;
        if (rule.RetryAfter is not null)
        {
            response.Headers.RetryAfter = rule.RetryAfter;
        }

        if (rule.Body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(rule.Body);
            response.ContentType = rule.ContentType;
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            response.ContentLength = 0;
        }
    }
}
