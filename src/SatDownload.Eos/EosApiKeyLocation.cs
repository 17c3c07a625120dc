namespace SatDownload.Eos;

/// <summary>Where the API key travels on each request.</summary>
public enum EosApiKeyLocation
{
    /// <summary>The <c>x-api-key</c> header (default: keeps the key out of URLs, proxies' logs and redirects).</summary>
    Header,

    /// <summary>The <c>api_key</c> query parameter (the form the older EOS docs show).</summary>
    Query,
}
