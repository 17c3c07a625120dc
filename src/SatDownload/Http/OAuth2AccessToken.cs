namespace SatDownload.Http;

/// <summary>An access token from a token endpoint. <see cref="ToString"/> never shows the value.</summary>
public sealed class OAuth2AccessToken
{
    /// <summary>Creates a token.</summary>
    /// <param name="value">The token value.</param>
    /// <param name="expiresAt">When it expires.</param>
    /// <param name="tokenType">The token type, normally <c>Bearer</c>.</param>
    /// <param name="scope">The granted scopes, if the endpoint said.</param>
    public OAuth2AccessToken(string value, DateTimeOffset expiresAt, string tokenType = "Bearer", string? scope = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        ExpiresAt = expiresAt;
        TokenType = string.IsNullOrEmpty(tokenType) ? "Bearer" : tokenType;
        Scope = scope;
    }

    /// <summary>The token value. Registered with <see cref="Redactor.RegisterSecret"/> by <see cref="OAuth2TokenProvider"/>.</summary>
    public string Value { get; }

    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The token type (<c>Bearer</c>).</summary>
    public string TokenType { get; }

    /// <summary>The granted scopes, if the endpoint said.</summary>
    public string? Scope { get; }

    /// <inheritdoc />
    public override string ToString() => $"{TokenType} {Redactor.Mask} (expires {ExpiresAt:O})";
}
