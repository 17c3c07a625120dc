namespace SatDownload.Tests.Downloads;

/// <summary>An <see cref="IHttpClientFactory"/> that hands out one shared client and remembers the name asked for.</summary>
internal sealed class SingleClientFactory(HttpClient client) : IHttpClientFactory
{
    public string? LastName { get; private set; }

    public HttpClient CreateClient(string name)
    {
        LastName = name;
        return client;
    }
}
