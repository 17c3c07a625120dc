namespace SatDownload.Http;

/// <summary>How <see cref="ApiKeyHandler"/> authenticates requests with a static API key.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The key. Registered with <see cref="Redactor.RegisterSecret"/> when the handler is created.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Header or query parameter. Default: <see cref="ApiKeyLocation.Header"/>.</summary>
    public ApiKeyLocation Location { get; set; } = ApiKeyLocation.Header;

    /// <summary>The header or query parameter name, for example <c>x-api-key</c>, <c>Authorization</c> or <c>api_key</c>. Default: <c>x-api-key</c>.</summary>
    public string Name { get; set; } = "x-api-key";

    /// <summary>Text put before the key, for example <c>ApiKey </c> for <c>Authorization: ApiKey &lt;key&gt;</c>. Default: none.</summary>
    public string? Prefix { get; set; }

    /// <summary>The provider name used in error messages (see <see cref="ProviderNames"/>).</summary>
    public string? ProviderName { get; set; }

    /// <summary>
    /// Allows sending the key over plain <c>http://</c> to hosts other than the local machine. Off by default: the handler
    /// then throws <see cref="InsecureTransportException"/> instead. When on, a warning is logged per request.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }
}
