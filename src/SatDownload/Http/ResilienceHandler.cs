using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SatDownload.Diagnostics;

namespace SatDownload.Http;

/// <summary>
/// Retries transient failures of provider calls with a Polly.Core <see cref="ResiliencePipeline{T}"/>: connection errors,
/// per-attempt timeouts, 408, 429 and 5xx (not 501/505), with exponential backoff and jitter, honouring Retry-After in
/// seconds, as an HTTP date or in the provider's unit, all within a total deadline. Other 4xx are never retried. Discarded
/// responses are disposed; request bodies are made replayable (or the call is sent once). Retry delays run on the injected
/// <see cref="TimeProvider"/> (instant in tests); timeouts run on a separate clock, the system clock by default.
/// </summary>
public class ResilienceHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<CallState> StateKey = new("SatDownload.CallState");

    /// <summary>
    /// Set to <see langword="true"/> on a request whose successful response body the caller streams (a file, an export):
    /// the handler then returns at the response headers. Without it, API responses with a document media type (JSON, XML,
    /// text) up to <see cref="HttpRetryOptions.MaxBufferedResponseBytes"/> are read inside the retry scope, so a connection
    /// dropped mid-body is retried. Binary media types are never buffered.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> StreamResponseOption = new("SatDownload.StreamResponse");

    /// <summary>The clock and Retry-After unit of the handler that sent a request, for readers of its response (see <see cref="ProviderJson"/>).</summary>
    internal static readonly HttpRequestOptionsKey<RetryClock> RetryClockOption = new("SatDownload.RetryClock");

    private readonly HttpRetryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly TimeProvider _timeoutTimeProvider;
    private readonly ILogger? _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Retry settings (copied); defaults when null.</param>
    /// <param name="timeProvider">Clock for retry delays and HTTP-date Retry-After values; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Optional logger (retries at Debug, giving up at Warning).</param>
    public ResilienceHandler(HttpRetryOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(options, timeProvider, logger, timeoutTimeProvider: null)
    {
    }

    /// <summary>Creates the handler with a separate clock for timeouts.</summary>
    /// <param name="options">Retry settings (copied); defaults when null.</param>
    /// <param name="timeProvider">Clock for retry delays and HTTP-date Retry-After values; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Optional logger (retries at Debug, giving up at Warning).</param>
    /// <param name="timeoutTimeProvider">
    /// Clock for the per-attempt timeout, the total deadline and the response idle timeout; <see cref="TimeProvider.System"/>
    /// when null. Why separate: these timeouts measure the real network, and a virtual clock that jumps to every new timer
    /// (the emulator's auto-advance mode) would fire them at once, while retry delays should run in virtual time.
    /// </param>
    public ResilienceHandler(HttpRetryOptions? options, TimeProvider? timeProvider, ILogger? logger, TimeProvider? timeoutTimeProvider)
    {
        _options = (options ?? new HttpRetryOptions()).Clone();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _timeoutTimeProvider = timeoutTimeProvider ?? TimeProvider.System;
        _logger = logger;
        _pipeline = BuildPipeline();
    }

    /// <summary>The options in use.</summary>
    public HttpRetryOptions Options => _options.Clone();

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(RetryClockOption, new RetryClock(_timeProvider, _options.RetryAfterUnit));
        var replayable = _options.MaxAttempts > 1 &&
            await RequestReplay.PrepareAsync(request, _options.MaxBufferedRequestBytes, cancellationToken).ConfigureAwait(false);

        using var deadline = _options.TotalTimeout is { } total
            ? new CancellationTokenSource(total, _timeoutTimeProvider)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var state = new CallState(request, cancellationToken, replayable, _options.TotalTimeout is { } limit ? _timeoutTimeProvider.GetUtcNow() + limit : DateTimeOffset.MaxValue);

        var context = ResilienceContextPool.Shared.Get(linked.Token);
        context.Properties.Set(StateKey, state);
        try
        {
            var response = await _pipeline.ExecuteAsync(
                static async (ctx, self) => await self.SendAttemptAsync(ctx).ConfigureAwait(ctx.ContinueOnCapturedContext),
                context,
                this).ConfigureAwait(false);
            if (_options.ResponseIdleTimeout is { } idle && response.Content is { } content &&
                content is not IdleTimeoutContent and not ResilienceHandlerResponseBuffer.BufferedResponseContent { IsComplete: true })
            {
                response.Content = new IdleTimeoutContent(content, idle, _timeoutTimeProvider, request.Method.Method + " " + Redactor.RedactUri(request.RequestUri));
            }

            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{_options.ProviderName}: {request.Method} {Redactor.RedactUri(request.RequestUri)} did not complete within the total timeout of " +
                $"{Seconds(_options.TotalTimeout!.Value)} s ({state.Attempts} attempt(s)).",
                ex);
        }
        catch (TimeoutRejectedException ex) when (state.LastAttemptCappedByDeadline)
        {
            // The attempt's timer was set to end with the total deadline, and under load it can fire a moment before the
            // deadline's own timer: the cause is still the total timeout.
            throw new TimeoutException(
                $"{_options.ProviderName}: {request.Method} {Redactor.RedactUri(request.RequestUri)} did not complete within the total timeout of " +
                $"{Seconds(_options.TotalTimeout!.Value)} s ({state.Attempts} attempt(s)).",
                ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException(
                $"{_options.ProviderName}: {request.Method} {Redactor.RedactUri(request.RequestUri)} got no response within the per-attempt timeout of " +
                $"{Seconds(state.LastAttemptTimeout)} s ({state.Attempts} attempt(s)).",
                ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<HttpResponseMessage> SendAttemptAsync(ResilienceContext context)
    {
        var state = context.Properties.GetValue(StateKey, null!);
        state.Attempts++;
        var started = Stopwatch.GetTimestamp();
        var request = state.Request;
        if (_options.PerAttemptTimeout is not { } perAttempt)
        {
            return await SendAndRecordAsync(request, context.CancellationToken, started).ConfigureAwait(false);
        }

        // The total deadline cancels the attempt anyway; a per-attempt timeout longer than what is left is pointless.
        var remaining = state.Deadline - _timeoutTimeProvider.GetUtcNow();
        var timeout = remaining > TimeSpan.Zero && remaining < perAttempt ? remaining + TimeSpan.FromMilliseconds(1) : perAttempt;
        state.LastAttemptTimeout = perAttempt;
        state.LastAttemptCappedByDeadline = timeout < perAttempt;

        // A hand-rolled timeout (not Polly's) so inner handlers can pause it while they wait for the rate limiter.
        using var attemptSource = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeoutTimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, attemptSource.Token);
        var control = new AttemptTimeout(attemptSource, timeout);
        request.Options.Set(AttemptTimeout.Key, control);
        control.Start();
        try
        {
            return await SendAndRecordAsync(request, linked.Token, started).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException &&
                                   control.IsExpired && !context.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutRejectedException($"The attempt got no response within {Seconds(perAttempt)} s.", timeout, ex);
        }
        finally
        {
            request.Options.Remove(AttemptTimeout.Key.Key, out _);
        }
    }

    private async Task<HttpResponseMessage> SendAndRecordAsync(HttpRequestMessage request, CancellationToken cancellationToken, long started)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Record((int)response.StatusCode, started);
            if (ResilienceHandlerResponseBuffer.ShouldBuffer(request, response, _options.MaxBufferedResponseBytes))
            {
                // Inside the attempt: a body that breaks off is retried like a connection that never answered.
                await ResilienceHandlerResponseBuffer.BufferAsync(response, _options.MaxBufferedResponseBytes, _options.ResponseIdleTimeout, _timeoutTimeProvider,
                    request.Method.Method + " " + Redactor.RedactUri(request.RequestUri), cancellationToken).ConfigureAwait(false);
            }

            return response;
        }
        catch (Exception)
        {
            Record(0, started);
            throw;
        }
    }

    private void Record(int status, long started)
    {
        var tags = new TagList
        {
            { "provider", _options.ProviderName },
            { "status", status.ToString(CultureInfo.InvariantCulture) },
        };
        SatDownloadDiagnostics.HttpRequests.Add(1, tags);
        SatDownloadDiagnostics.HttpDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _timeProvider };
        if (_options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                // Delays come from ShouldRetryAsync (BackoffCalculator + Retry-After + deadline), not from Polly's own backoff.
                MaxRetryAttempts = _options.MaxAttempts - 1,
                ShouldHandle = ShouldRetryAsync,
                DelayGenerator = static args =>
                    new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(StateKey, null!).NextDelay),
                OnRetry = OnRetryAsync,
            });
        }

        return builder.Build();
    }

    private async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var state = args.Context.Properties.GetValue(StateKey, null!);
        var outcome = args.Outcome;
        var request = state.Request;
        if (state.CallerToken.IsCancellationRequested)
        {
            return false;
        }

        string reason;
        bool safeToRepeat;
        if (outcome.Exception is { } exception)
        {
            switch (exception)
            {
                case TimeoutRejectedException:
                    reason = "a per-attempt timeout";
                    safeToRepeat = false;
                    break;
                case HttpRequestException hre:
                    reason = hre.HttpRequestError == HttpRequestError.Unknown ? "a transport error" : "a transport error (" + hre.HttpRequestError + ")";
                    safeToRepeat = hre.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
                    break;
                case IOException:
                    reason = "a connection failure";
                    safeToRepeat = false;
                    break;
                default:
                    return false;
            }
        }
        else if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            reason = "HTTP " + status.ToString(CultureInfo.InvariantCulture);
            if (response.IsSuccessStatusCode)
            {
                return false;
            }

            var retryableStatus = status is 408 or 429 || (status >= 500 && status != 501 && status != 505);
            safeToRepeat = status is 429 or 503;
            if (retryableStatus && _options.IsPermanentFailure is { } permanent)
            {
                try
                {
                    await response.Content.LoadIntoBufferAsync(ProviderErrors.MaxBodyBytes).ConfigureAwait(false);
                    if (await permanent(response, args.Context.CancellationToken).ConfigureAwait(false))
                    {
                        LogSkip(request, Redactor.RedactUri(request.RequestUri), reason + ": the provider marks this error permanent");
                        return false;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException or InvalidOperationException)
                {
                    // A body that cannot be inspected leaves the status-based decision in place.
                }
            }

            if (!retryableStatus)
            {
                if (_options.IsRetryableResponse is null)
                {
                    return false;
                }

                try
                {
                    await response.Content.LoadIntoBufferAsync(ProviderErrors.MaxBodyBytes).ConfigureAwait(false);
                    if (!await _options.IsRetryableResponse(response, args.Context.CancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException or InvalidOperationException)
                {
                    // A body too large to inspect, or one the predicate cannot parse, is simply not retryable.
                    LogSkip(request, Redactor.RedactUri(request.RequestUri), reason + ": the retry predicate failed (" + ex.GetType().Name + ")");
                    return false;
                }

                reason += " (provider says retryable)";
                safeToRepeat = true;
            }
        }
        else
        {
            return false;
        }

        var uri = Redactor.RedactUri(request.RequestUri);
        if (!state.Replayable)
        {
            LogSkip(request, uri, reason + "; the request body cannot be replayed");
            return false;
        }

        if (!safeToRepeat && !_options.RetryNonIdempotentMethods && !IsIdempotent(request.Method))
        {
            LogSkip(request, uri, reason + $" on a {request.Method} request, which may already have been processed (set RetryNonIdempotentMethods to retry it)");
            return false;
        }

        if (args.AttemptNumber + 1 >= _options.MaxAttempts)
        {
            if (_logger is not null)
            {
                HttpLog.RetriesExhausted(_logger, _options.ProviderName, request.Method.Method, uri, args.AttemptNumber + 1, reason);
            }

            return false;
        }

        TimeSpan? retryAfter = null;
        if (outcome.Result is { } r)
        {
            retryAfter = _options.RetryAfterExtractor?.Invoke(r) ?? RetryAfterParser.Parse(r, _options.RetryAfterUnit, _timeProvider);
            if (retryAfter > _options.MaxRetryAfter)
            {
                LogSkip(request, uri, $"{reason} asks to wait {Seconds(retryAfter.Value)} s, more than MaxRetryAfter ({Seconds(_options.MaxRetryAfter)} s)");
                return false;
            }
        }

        var delay = BackoffCalculator.Compute(args.AttemptNumber + 1, _options.BaseDelay, _options.MaxDelay, _options.Jitter, retryAfter);
        var remaining = state.Deadline - _timeoutTimeProvider.GetUtcNow();
        if (_options.TotalTimeout is not null && delay >= remaining)
        {
            LogSkip(request, uri, $"{reason}; waiting {Seconds(delay)} s would pass the total timeout ({Seconds(remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining)} s left)");
            return false;
        }

        state.NextDelay = delay;
        state.LastReason = reason;
        return true;
    }

    private ValueTask OnRetryAsync(OnRetryArguments<HttpResponseMessage> args)
    {
        var state = args.Context.Properties.GetValue(StateKey, null!);
        var status = args.Outcome.Result is { } response ? (int)response.StatusCode : 0;

        // The response we are not going to return must be disposed, or its connection stays rented.
        args.Outcome.Result?.Dispose();
        SatDownloadDiagnostics.HttpRetries.Add(1, new TagList
        {
            { "provider", _options.ProviderName },
            { "status", status.ToString(CultureInfo.InvariantCulture) },
        });
        if (_logger is not null)
        {
            HttpLog.RetryScheduled(_logger, _options.ProviderName, state.Request.Method.Method, Redactor.RedactUri(state.Request.RequestUri),
                args.AttemptNumber + 2, _options.MaxAttempts, args.RetryDelay.TotalMilliseconds, state.LastReason ?? "a failure");
        }

        return default;
    }

    private void LogSkip(HttpRequestMessage request, string uri, string reason)
    {
        if (_logger is not null)
        {
            HttpLog.RetrySkipped(_logger, _options.ProviderName, request.Method.Method, uri, reason);
        }
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put ||
        method == HttpMethod.Delete || method == HttpMethod.Trace;

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed class CallState(HttpRequestMessage request, CancellationToken callerToken, bool replayable, DateTimeOffset deadline)
    {
        public HttpRequestMessage Request { get; } = request;

        public CancellationToken CallerToken { get; } = callerToken;

        public bool Replayable { get; } = replayable;

        public DateTimeOffset Deadline { get; } = deadline;

        public int Attempts { get; set; }

        public TimeSpan NextDelay { get; set; }

        public TimeSpan LastAttemptTimeout { get; set; }

        public bool LastAttemptCappedByDeadline { get; set; }

        public string? LastReason { get; set; }
    }
}
