namespace SatDownload.Tests.Downloads;

/// <summary>An <see cref="HttpMessageHandler"/> that answers every request with <paramref name="respond"/>.</summary>
internal sealed class RespondingHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(respond(request));
}
