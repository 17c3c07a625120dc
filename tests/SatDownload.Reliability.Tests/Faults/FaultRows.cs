using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SatDownload.Reliability.Tests.Faults;

/// <summary>The generic rows of the fault matrix (issue 10). Provider-specific rows (for example Sentinel Hub's millisecond Retry-After) come from <see cref="ProviderFlow.ExtraRows"/>.</summary>
public static class FaultRows
{
    public static IReadOnlyList<FaultRow> All { get; } = Build();


    private static string HttpDate(ProviderFlowRun run, int seconds) => run.Clock.GetUtcNow().AddSeconds(seconds).ToString("R", CultureInfo.InvariantCulture);

    private static IReadOnlyList<FaultRow> Build()
    {
        var rows = new List<FaultRow>
        {
            new("no fault", FaultOutcome.Succeeds),

            // Listing (paged, through the provider client: auth, retries).
            new("listing 429 Retry-After seconds", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(429, 1, retryAfter: "2")),
            new("listing 429 Retry-After HTTP date", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(429, 1, retryAfter: HttpDate(r, 3))),
            new("listing 429 without Retry-After", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(429, 1)),
            new("listing 500 once", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(500, 1)),
            new("listing 502 once", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(502, 1, body: "<html><body>Bad Gateway</body></html>", contentType: "text/html")),
            new("listing 503 twice", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(503, 2)),
            new("listing 504 once", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(504, 1)),
            new("second page of the listing fails once", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).AfterRequests(1).RespondWithStatus(500, 1)),
            // A connection dropped mid-body is retried: ResilienceHandler reads API (JSON/XML/text) bodies inside its retry
            // scope. Whether the reset overtakes the bytes already sent (then it looks like a drop before the headers) or not,
            // the call must succeed. A listing response shorter than the offset is simply not cut.
            new("listing dropped mid-body", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).AbortAfterBytes(10, 1)),
            new("listing dropped mid-body after 1 byte", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).AbortAfterBytes(1, 1)),
            new("listing dropped mid-body after 300 bytes, twice", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).AbortAfterBytes(300, 2)),
            new("listing dropped mid-body after 1 KiB, then on the next page after 100 bytes", FaultOutcome.Succeeds, r =>
            {
                r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).AbortAfterBytes(1024, 1);
                r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).AfterRequests(2).AbortAfterBytes(100, 1);
            }),
            new("listing hangs (headers) once", FaultOutcome.Succeeds, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).Hang(1)),
            new("listing 500 for good", FaultOutcome.ListingFails, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).RespondWithStatus(500, int.MaxValue), CauseText: "500"),
            new("listing hangs for good", FaultOutcome.ListingFails, r => r.Emulator.Faults.OnPrefix(r.ListingPathPrefix).Hang(int.MaxValue), CauseText: "timeout"),

            // Tokens.
            new("token expired or revoked", FaultOutcome.Succeeds, r => r.RevokeTokens()) { RequiresTokenEndpoint = true },
            new("token endpoint down for a while (503 twice)", FaultOutcome.Succeeds, r =>
            {
                r.RevokeTokens();
                r.Emulator.Faults.On(r.TokenPath!).RespondWithStatus(503, 2);
            }) { RequiresTokenEndpoint = true },
            new("token endpoint hangs once", FaultOutcome.Succeeds, r =>
            {
                r.RevokeTokens();
                r.Emulator.Faults.On(r.TokenPath!).Hang(1);
            }) { RequiresTokenEndpoint = true },
            new("token endpoint down for good", FaultOutcome.ListingFails, r =>
            {
                r.RevokeTokens();
                r.Emulator.Faults.On(r.TokenPath!).RespondWithStatus(503, int.MaxValue);
            }, CauseText: "503") { RequiresTokenEndpoint = true },

            // Data files (through the shared downloader).
            new("blob 500 twice", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).RespondWithStatus(500, 2)),
            new("blob 502 and 504", FaultOutcome.Succeeds, BeforeDownload: r =>
            {
                r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).RespondWithStatus(502, 1);
                r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).AfterRequests(1).RespondWithStatus(504, 1);
            }),
            new("blob 503 Retry-After seconds", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).RespondWithStatus(503, 1, retryAfter: "1")),
            new("blob 429 Retry-After HTTP date", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).RespondWithStatus(429, 1, retryAfter: HttpDate(r, 2))),
            new("blob 429 without Retry-After", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).RespondWithStatus(429, 1)),
            new("blob dropped after 1 byte", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).AbortAfterBytes(1)),
            new("blob dropped after 64 KiB", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).AbortAfterBytes(64 * 1024)),
            new("blob dropped near the end, three times", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).AbortAfterBytes(250_000, 3)),
            new("blob truncated (Content-Length larger than body)", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).TruncateBody(100_000, 2)),
            new("blob hangs (headers) once", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).Hang(1)),
            new("blob hangs mid-body once", FaultOutcome.Succeeds, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).OnRequest(ctx => HangMidBodyAsync(ctx, r.Emulator.Blobs.Get(r.DataBlobNames[0])), times: 1)),
            new("signed URLs expired before the download", FaultOutcome.Succeeds, BeforeDownload: r => r.Clock.Advance(TimeSpan.FromHours(2))),
            new("signed URL expires mid-download (403)", FaultOutcome.Succeeds, BeforeDownload: r =>
            {
                r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).AbortAfterBytes(100_000);
                r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).AfterRequests(1).OnRequest(_ =>
                {
                    r.Clock.Advance(TimeSpan.FromHours(2));
                    return Task.FromResult(false);
                }, times: 1);
            }),
            new("blob 404 for good", FaultOutcome.DownloadFails, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).RespondWithStatus(404, int.MaxValue), CauseText: "404"),
            new("blob 403 for good (re-signing does not help)", FaultOutcome.DownloadFails, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).RespondWithStatus(403, int.MaxValue), CauseText: "403"),
            new("blob 500 for good", FaultOutcome.DownloadFails, BeforeDownload: r => r.Emulator.Faults.OnBlob(r.DataBlobNames[0]).RespondWithStatus(500, int.MaxValue), CauseText: "500"),
        };
        return rows;
    }

    /// <summary>Sends the blob's real headers and first 1,000 bytes, then goes silent until the client gives up.</summary>
    private static async Task<bool> HangMidBodyAsync(HttpContext context, SatDownload.Testing.EmulatorBlob blob)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentLength = blob.Length;
        context.Response.ContentType = blob.ContentType;
        context.Response.Headers.ETag = blob.ETag;
        context.Response.Headers.AcceptRanges = "bytes";
        await context.Response.Body.WriteAsync(blob.ToArray().AsMemory(0, 1000));
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away: that is the point.
        }

        return true;
    }
}
