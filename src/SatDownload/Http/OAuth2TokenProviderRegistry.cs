using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// Hands out one <see cref="OAuth2TokenProvider"/> per (token URL, client id, secret fingerprint, scope), so every client
/// instance with the same credentials shares one token cache and one in-flight token request. Use <see cref="Shared"/>
/// without DI; <c>AddSatDownload</c> registers a singleton.
/// </summary>
public class OAuth2TokenProviderRegistry
{
    private readonly ConcurrentDictionary<string, Lazy<OAuth2TokenProvider>> _providers = new(StringComparer.Ordinal);
    private readonly HttpClient? _tokenHttpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory? _loggerFactory;

    /// <summary>Creates a registry.</summary>
    /// <param name="tokenHttpClient">Client for token requests; the providers' shared default when null.</param>
    /// <param name="timeProvider">Clock for token expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggerFactory">Optional logger factory.</param>
    public OAuth2TokenProviderRegistry(HttpClient? tokenHttpClient = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _tokenHttpClient = tokenHttpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The process-wide registry used when no DI container is involved.</summary>
    public static OAuth2TokenProviderRegistry Shared { get; } = new();

    /// <summary>How many distinct credential sets have a provider.</summary>
    public virtual int Count => _providers.Count;

    /// <summary>Returns the provider for these credentials, creating it on first use.</summary>
    /// <param name="options">Grant settings (validated).</param>
    /// <returns>The shared provider.</returns>
    /// <exception cref="ArgumentException">The options are incomplete.</exception>
    public virtual OAuth2TokenProvider GetOrCreate(OAuth2ClientCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var key = KeyOf(options);
        var lazy = _providers.GetOrAdd(key, _ => new Lazy<OAuth2TokenProvider>(
            () => new OAuth2TokenProvider(options, _tokenHttpClient, _timeProvider, _loggerFactory?.CreateLogger("SatDownload.Http.OAuth2")),
            LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Don't cache a failed construction (for example an insecure endpoint): the caller may fix the options.
            _providers.TryRemove(new KeyValuePair<string, Lazy<OAuth2TokenProvider>>(key, lazy));
            throw;
        }
    }

    /// <summary>A stable fingerprint of credentials (SHA-256, truncated); never contains the secret itself.</summary>
    /// <param name="secret">The secret or key.</param>
    /// <returns>16 hex characters.</returns>
    public static string Fingerprint(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return "none";
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexString(hash, 0, 8).ToLowerInvariant();
    }

    private static string KeyOf(OAuth2ClientCredentialsOptions o) =>
        string.Join('\n', o.TokenEndpoint!.AbsoluteUri, o.ClientId, Fingerprint(o.ClientSecret), o.Scope ?? string.Empty,
            o.ClientAuthentication.ToString(), string.Join('&', o.AdditionalParameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)),
            RequestShapeOf(o));

    // Credentials fetched with a custom token request are another kind of token: they never share a cache with the standard grant.
    private static string RequestShapeOf(OAuth2ClientCredentialsOptions o) =>
        o.TokenRequestFactory is { } f ? "custom:" + f.Method.DeclaringType?.FullName + "." + f.Method.Name : "client_credentials";
}
