namespace SatDownload.Http;

/// <summary>How the OAuth2 client authenticates itself to the token endpoint (RFC 6749 §2.3.1).</summary>
public enum OAuth2ClientAuthentication
{
    /// <summary><c>client_id</c> and <c>client_secret</c> in the form body (Sentinel Hub / Keycloak examples).</summary>
    FormBody,

    /// <summary>HTTP Basic <c>Authorization: Basic base64(id:secret)</c> (ICEYE).</summary>
    Basic,
}
