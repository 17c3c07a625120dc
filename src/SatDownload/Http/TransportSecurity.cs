using System.Net;
using Microsoft.Extensions.Logging;

namespace SatDownload.Http;

/// <summary>
/// The one rule every auth handler applies: credentials go over HTTPS, or over plain HTTP only to the local machine
/// (emulators and tests), unless the caller explicitly opted in.
/// </summary>
internal static class TransportSecurity
{
    /// <summary>Whether a URI may carry credentials without an explicit opt-in.</summary>
    public static bool IsSecureOrLoopback(Uri uri) =>
        string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) || IsLoopback(uri);

    /// <summary>Whether the URI names the local machine.</summary>
    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        return IPAddress.TryParse(uri.IdnHost, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Throws <see cref="InsecureTransportException"/> (or logs a warning when allowed) for credentials over plain HTTP.</summary>
    public static void EnsureCredentialTransport(Uri? uri, bool allowInsecureHttp, string credentialKind, string? provider, ILogger? logger)
    {
        if (uri is null || !uri.IsAbsoluteUri || IsSecureOrLoopback(uri))
        {
            return;
        }

        var who = string.IsNullOrEmpty(provider) ? string.Empty : provider + ": ";
        if (!allowInsecureHttp)
        {
            throw new InsecureTransportException(
                $"{who}refusing to send the {credentialKind} over plain HTTP to {Redactor.RedactUri(uri)}. " +
                "Use an https:// base address, or set AllowInsecureHttp = true on the handler options if this network is trusted.");
        }

        if (logger is not null)
        {
            HttpLog.InsecureCredentialTransport(logger, credentialKind, Redactor.RedactUri(uri));
        }
    }
}
