using System.Net.Http.Json;

namespace SatDownload.Http;

/// <summary>
/// Decides whether a request can be sent more than once (retry, 401 refresh) and makes small bodies replayable by
/// buffering them. Why: a forward-only stream body is consumed by the first attempt; resending it would send nothing.
/// </summary>
internal static class RequestReplay
{
    /// <summary>Bodies up to this size are buffered in memory so they can be replayed. Default 1 MiB.</summary>
    public const long DefaultMaxBufferBytes = 1024 * 1024;

    private static readonly HttpRequestOptionsKey<bool> PreparedKey = new("SatDownload.ReplayPrepared");

    /// <summary>Prepares the request body for replay. Returns false when it cannot be replayed (then send it once).</summary>
    public static async ValueTask<bool> PrepareAsync(HttpRequestMessage request, long maxBufferBytes, CancellationToken cancellationToken)
    {
        var content = request.Content;
        if (content is null)
        {
            return true;
        }

        if (request.Options.TryGetValue(PreparedKey, out var prepared))
        {
            return prepared;
        }

        var replayable = IsInherentlyReplayable(content);
        if (!replayable && content.Headers.ContentLength is { } length && length <= maxBufferBytes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await content.LoadIntoBufferAsync(maxBufferBytes).ConfigureAwait(false);
            replayable = true;
        }

        request.Options.Set(PreparedKey, replayable);
        return replayable;
    }

    private static bool IsInherentlyReplayable(HttpContent content) => content switch
    {
        ByteArrayContent => true, // includes StringContent and FormUrlEncodedContent
        ReadOnlyMemoryContent => true,
        JsonContent => true, // serializes its value again on every send
        MultipartContent multipart => multipart.All(IsInherentlyReplayable),
        _ => false,
    };
}
