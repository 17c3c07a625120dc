using System.Text;
using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// Adds a static API key to every request, as a header (<c>x-api-key</c>, <c>Authorization: ApiKey …</c>) or as a query
/// parameter (<c>api_key=…</c>). Idempotent: a retried request carries the key once, not twice.
/// </summary>
public class ApiKeyHandler : DelegatingHandler
{
    private readonly ApiKeyOptions _options;
    private readonly ILogger? _logger;
    private readonly string _value;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Key, location, name and prefix.</param>
    /// <param name="logger">Optional logger (warnings about insecure transport).</param>
    /// <exception cref="ArgumentException">The key or the name is empty.</exception>
    public ApiKeyHandler(ApiKeyOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Key))
        {
            throw new ArgumentException(
                $"{Who(options)}the API key is empty. Set ApiKeyOptions.Key to the key from the provider's console.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            throw new ArgumentException(
                $"{Who(options)}ApiKeyOptions.Name is empty. Set it to the header or query parameter name, for example \"x-api-key\" or \"api_key\".", nameof(options));
        }

        if (options.Key.Any(char.IsControl))
        {
            throw new ArgumentException($"{Who(options)}the API key contains control characters (a stray newline?). Trim it.", nameof(options));
        }

        Redactor.RegisterSecret(options.Key);
        _options = options;
        _logger = logger;
        _value = (options.Prefix ?? string.Empty) + options.Key;
    }

    /// <summary>Creates a handler that sends the key in a header.</summary>
    /// <param name="key">The API key.</param>
    /// <param name="headerName">The header name, for example <c>x-api-key</c> or <c>Authorization</c>.</param>
    /// <param name="prefix">Optional value prefix, for example <c>ApiKey </c>.</param>
    /// <returns>The handler.</returns>
    public static ApiKeyHandler InHeader(string key, string headerName = "x-api-key", string? prefix = null) =>
        new(new ApiKeyOptions { Key = key, Name = headerName, Prefix = prefix, Location = ApiKeyLocation.Header });

    /// <summary>Creates a handler that sends the key as a query parameter.</summary>
    /// <param name="key">The API key.</param>
    /// <param name="parameterName">The query parameter name, for example <c>api_key</c>.</param>
    /// <returns>The handler.</returns>
    public static ApiKeyHandler InQuery(string key, string parameterName = "api_key") =>
        new(new ApiKeyOptions { Key = key, Name = parameterName, Location = ApiKeyLocation.Query });

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TransportSecurity.EnsureCredentialTransport(request.RequestUri, _options.AllowInsecureHttp, "API key", _options.ProviderName, _logger);
        if (_options.Location == ApiKeyLocation.Header)
        {
            request.Headers.Remove(_options.Name);
            request.Headers.TryAddWithoutValidation(_options.Name, _value);
        }
        else if (request.RequestUri is { } uri)
        {
            request.RequestUri = WithQueryParameter(uri, _options.Name, _value);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Returns <paramref name="uri"/> with the parameter set exactly once (replacing an earlier value).</summary>
    internal static Uri WithQueryParameter(Uri uri, string name, string value)
    {
        var encodedName = Uri.EscapeDataString(name);
        var pair = encodedName + "=" + Uri.EscapeDataString(value);
        var original = uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString;
        var hashIndex = original.IndexOf('#', StringComparison.Ordinal);
        var fragment = hashIndex >= 0 ? original[hashIndex..] : string.Empty;
        var withoutFragment = hashIndex >= 0 ? original[..hashIndex] : original;
        var queryIndex = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        var path = queryIndex >= 0 ? withoutFragment[..queryIndex] : withoutFragment;
        var query = queryIndex >= 0 ? withoutFragment[(queryIndex + 1)..] : string.Empty;

        var sb = new StringBuilder(path).Append('?');
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var partName = eq < 0 ? part : part[..eq];
            if (string.Equals(Uri.UnescapeDataString(partName), name, StringComparison.Ordinal))
            {
                continue;
            }

            sb.Append(part).Append('&');
        }

        sb.Append(pair).Append(fragment);
        return new Uri(sb.ToString(), uri.IsAbsoluteUri ? UriKind.Absolute : UriKind.RelativeOrAbsolute);
    }

    private static string Who(ApiKeyOptions options) =>
        string.IsNullOrEmpty(options.ProviderName) ? string.Empty : options.ProviderName + ": ";
}
