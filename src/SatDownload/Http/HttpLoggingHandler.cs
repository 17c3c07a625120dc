using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// Logs each request at Debug: method, redacted URI (query values masked), status and duration. Place it innermost (just
/// above the primary handler) to see every attempt, or outermost to see each logical call. Logs nothing above Debug.
/// </summary>
public class HttpLoggingHandler : DelegatingHandler
{
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="logger">The logger.</param>
    public HttpLoggingHandler(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_logger.IsEnabled(LogLevel.Debug))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            HttpLog.RequestCompleted(_logger, request.Method.Method, Redactor.RedactUri(request.RequestUri), (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            HttpLog.RequestFailed(_logger, request.Method.Method, Redactor.RedactUri(request.RequestUri), Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                ex.GetType().Name + ": " + Redactor.Redact(ex.Message));
            throw;
        }
    }
}
