using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SatDownload.Diagnostics;
using SatDownload.Http;
using SatDownload.Tests.TestSupport;

namespace SatDownload.Tests.Http;

public class TelemetryTests
{
    [Fact]
    public async Task Retries_and_requests_are_logged_redacted_and_counted()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) =>
            n == 1 ? LoopbackServer.WriteJsonAsync(ctx, 503, "{}") : LoopbackServer.WriteJsonAsync(ctx, 200, "{}"));
        var logger = new ListLogger();
        var provider = "telemetry-" + Guid.NewGuid().ToString("N");
        long requests = 0, retries = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SatDownloadDiagnostics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var mine = false;
            foreach (var tag in tags)
            {
                mine |= tag.Key == "provider" && (string?)tag.Value == provider;
            }

            if (mine && instrument.Name == "satdownload.http.requests")
            {
                Interlocked.Add(ref requests, value);
            }
            else if (mine && instrument.Name == "satdownload.http.retries")
            {
                Interlocked.Add(ref retries, value);
            }
        });
        listener.Start();
        var handlers = ProviderHttpPipeline.CreateStandardHandlers(
            new HttpRetryOptions { ProviderName = provider, BaseDelay = TimeSpan.FromMilliseconds(1) },
            ApiKeyHandler.InQuery("apk.telemetry-key-123"),
            loggerFactory: logger);
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri, handlers);

        (await client.GetAsync("search?bbox=1,2,3,4")).Dispose();

        Assert.Equal(2, Interlocked.Read(ref requests));
        Assert.Equal(1, Interlocked.Read(ref retries));
        var entries = logger.Entries;
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Information);
        Assert.Contains(entries, e => e.Message.Contains("retrying GET", StringComparison.Ordinal) && e.Message.Contains("after HTTP 503", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message.Contains("/search?bbox=***&api_key=*** -> 200", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Message.Contains("telemetry-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Giving_up_is_a_warning()
    {
        await using var server = await LoopbackServer.StartAsync((ctx, n) => LoopbackServer.WriteJsonAsync(ctx, 500, "{}"));
        var logger = new ListLogger();
        using var client = ProviderHttpPipeline.CreateClient(server.BaseUri,
            new ResilienceHandler(new HttpRetryOptions { ProviderName = "eos", MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) }, logger: logger));

        (await client.GetAsync("x")).Dispose();

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("eos: giving up on GET", StringComparison.Ordinal));
    }
}
