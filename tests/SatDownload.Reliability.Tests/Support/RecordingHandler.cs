using System.Collections.Concurrent;
using System.Net;

namespace SatDownload.Reliability.Tests.Support;

/// <summary>A terminal handler for narrow transport tests: records what would have gone on the wire and answers 200.</summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    public ConcurrentQueue<HttpRequestMessage> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent("{\"access_token\":\"insecure-token-value-123\",\"token_type\":\"Bearer\",\"expires_in\":3600}", System.Text.Encoding.UTF8, "application/json"),
        });
    }
}
