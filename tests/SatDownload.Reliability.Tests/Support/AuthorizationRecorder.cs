using System.Collections.Concurrent;

namespace SatDownload.Reliability.Tests.Support;

/// <summary>Sits under the auth handler and records every credential that went on the wire, so the scanner knows the tokens.</summary>
internal sealed class AuthorizationRecorder : DelegatingHandler
{
    public AuthorizationRecorder(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public ConcurrentBag<string> Credentials { get; } = [];

    public ConcurrentBag<(HttpMethod Method, Uri Uri, string? Authorization)> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var auth = request.Headers.Authorization;
        if (auth?.Parameter is { Length: >= 8 } value)
        {
            Credentials.Add(value);
        }

        Requests.Add((request.Method, request.RequestUri!, auth?.ToString()));
        return base.SendAsync(request, cancellationToken);
    }
}
