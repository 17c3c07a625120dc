using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SatDownload.Testing.SentinelHub;

/// <summary>Issues and checks unsigned JWTs for the two identity realms (<c>main</c>, <c>CDSE</c>) and rate-limits the token endpoint.</summary>
internal sealed class ShTokenService(SentinelHubEmulatorOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Realm, string ClientId), string> _clients = new();
    private readonly ConcurrentDictionary<string, (string Realm, string ClientId, DateTimeOffset Expires)> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _tokenRequests = new(StringComparer.Ordinal);

    public int TokensIssued => _issued.Count;

    public void Register(string realm, string clientId, string secret) => _clients[(realm, clientId)] = secret;

    public void RevokeAll() => _issued.Clear();

    public async Task<IResult> IssueAsync(HttpContext context, string realm, bool legacy)
    {
        if (!context.Request.HasFormContentType)
        {
            return ShError.Keycloak(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? id = form["client_id"];
        string? secret = form["client_secret"];
        var auth = context.Request.Headers.Authorization.ToString();
        if (id is null && auth.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var raw = Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..].Trim()));
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            id = Uri.UnescapeDataString(raw[..colon]);
            secret = Uri.UnescapeDataString(raw[(colon + 1)..]);
        }

        if (!string.Equals(form["grant_type"], "client_credentials", StringComparison.Ordinal))
        {
            return ShError.Keycloak(400, "unsupported_grant_type", "Unsupported grant_type");
        }

        var now = clock.GetUtcNow();
        if (options.TokenRequestsPerMinute is { } perMinute && id is not null)
        {
            var queue = _tokenRequests.GetOrAdd(id, _ => new ConcurrentQueue<DateTimeOffset>());
            while (queue.TryPeek(out var t) && now - t >= TimeSpan.FromMinutes(1))
            {
                queue.TryDequeue(out _);
            }

            if (queue.Count >= perMinute)
            {
                // Observed on the real service: the token endpoint's 429 is an HTML page, not JSON.
                return ShError.Html(429, "You have sent too many requests in a given amount of time.");
            }

            queue.Enqueue(now);
        }

        if (id is null || secret is null || !_clients.TryGetValue((realm, id), out var expected) || !string.Equals(expected, secret, StringComparison.Ordinal))
        {
            return legacy
                ? ShError.Wrapped(400, "OAUTH_ERROR", "Illegal secret!")
                : ShError.Keycloak(401, "invalid_client", "Invalid client or Invalid client credentials");
        }

        var exp = now + options.TokenLifetime;
        var token = CreateJwt(realm, id, now, exp);
        _issued[token] = (realm, id, exp);
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["expires_in"] = (long)options.TokenLifetime.TotalSeconds,
            ["refresh_expires_in"] = 0,
            ["token_type"] = "Bearer",
            ["not-before-policy"] = 0,
            ["scope"] = "email profile",
        });
        return Results.Text(body, "application/json");
    }

    /// <summary>Returns the client id of a valid token for the realm, or an error result.</summary>
    public (string? ClientId, IResult? Error) Authenticate(HttpContext context, string realm, bool catalogShape)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Unauthorized(catalogShape));
        }

        var token = header[7..].Trim();
        if (!_issued.TryGetValue(token, out var info) || info.Expires <= clock.GetUtcNow() || !string.Equals(info.Realm, realm, StringComparison.Ordinal))
        {
            return (null, Unauthorized(catalogShape));
        }

        return (info.ClientId, null);
    }

    private static IResult Unauthorized(bool catalogShape) => catalogShape
        ? ShError.Catalog(401, "Unauthorized")
        : ShError.Wrapped(401, "COMMON_UNAUTHORIZED", "You are not authorized! Please provide a valid access token within the header 'Authorization: Bearer <accessToken>'. Read more about access tokens here: https://docs.sentinel-hub.com/api/latest/api/overview/authentication/");

    private static string CreateJwt(string realm, string clientId, DateTimeOffset iat, DateTimeOffset exp)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = B64(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["exp"] = exp.ToUnixTimeSeconds(),
            ["iat"] = iat.ToUnixTimeSeconds(),
            ["azp"] = clientId,
            ["iss"] = "emulator/auth/realms/" + realm,
            ["jti"] = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
        }));
        return header + "." + payload + ".";
    }
}
