namespace SatDownload.SentinelHub;

/// <summary>A Sentinel Hub deployment: API base URL plus the token endpoint of its identity provider.</summary>
/// <remarks>
/// Data lives on specific deployments (Landsat, MODIS, HLS on US-West; Sentinel-3/5P on CDSE); Batch Statistical exists on EU only.
/// EU and US-West share one identity provider; CDSE has its own, and a token of one is refused by the other.
/// </remarks>
public sealed class SentinelHubDeployment : IEquatable<SentinelHubDeployment>
{
    private SentinelHubDeployment(string name, Uri baseUri, Uri tokenUri, Uri? legacyTokenUri, SentinelHubIdentityProvider identityProvider)
    {
        Name = name;
        BaseUri = EnsureTrailingSlash(baseUri);
        TokenUri = tokenUri;
        LegacyTokenUri = legacyTokenUri;
        IdentityProvider = identityProvider;
    }

    /// <summary>Sentinel Hub EU (AWS eu-central-1), the default: <c>https://services.sentinel-hub.com</c>.</summary>
    public static SentinelHubDeployment Eu { get; } = new(
        "EU",
        new Uri("https://services.sentinel-hub.com/"),
        new Uri("https://services.sentinel-hub.com/auth/realms/main/protocol/openid-connect/token"),
        new Uri("https://services.sentinel-hub.com/oauth/token"),
        SentinelHubIdentityProvider.SentinelHub);

    /// <summary>Sentinel Hub US-West (AWS us-west-2): Landsat, MODIS, HLS. Same identity provider as EU.</summary>
    public static SentinelHubDeployment UsWest { get; } = new(
        "US-West",
        new Uri("https://services-uswest2.sentinel-hub.com/"),
        new Uri("https://services.sentinel-hub.com/auth/realms/main/protocol/openid-connect/token"),
        new Uri("https://services.sentinel-hub.com/oauth/token"),
        SentinelHubIdentityProvider.SentinelHub);

    /// <summary>Copernicus Data Space Ecosystem: <c>https://sh.dataspace.copernicus.eu</c> with the CDSE Keycloak realm.</summary>
    public static SentinelHubDeployment Cdse { get; } = new(
        "CDSE",
        new Uri("https://sh.dataspace.copernicus.eu/"),
        new Uri("https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/openid-connect/token"),
        null,
        SentinelHubIdentityProvider.CopernicusDataSpace);

    /// <summary>A short name (<c>EU</c>, <c>US-West</c>, <c>CDSE</c> or a custom name).</summary>
    public string Name { get; }

    /// <summary>The API base URL; paths such as <c>api/v1/process</c> are relative to it.</summary>
    public Uri BaseUri { get; }

    /// <summary>The OAuth2 client-credentials token endpoint (Keycloak).</summary>
    public Uri TokenUri { get; }

    /// <summary>The legacy <c>/oauth/token</c> endpoint, when the deployment has one.</summary>
    public Uri? LegacyTokenUri { get; }

    /// <summary>Which identity provider issues this deployment's tokens.</summary>
    public SentinelHubIdentityProvider IdentityProvider { get; }

    /// <summary>Creates a custom deployment (a private install, a proxy or the emulator).</summary>
    /// <param name="name">A display name.</param>
    /// <param name="baseUri">API base URL.</param>
    /// <param name="tokenUri">Token endpoint.</param>
    /// <param name="identityProvider">Which identity provider the token endpoint belongs to.</param>
    /// <param name="legacyTokenUri">Optional legacy token endpoint.</param>
    /// <returns>The deployment.</returns>
    public static SentinelHubDeployment Custom(string name, Uri baseUri, Uri tokenUri, SentinelHubIdentityProvider identityProvider = SentinelHubIdentityProvider.SentinelHub, Uri? legacyTokenUri = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(tokenUri);
        if (!baseUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The deployment base URL must be absolute, e.g. https://services.sentinel-hub.com/.", nameof(baseUri));
        }

        if (!tokenUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The token URL must be absolute.", nameof(tokenUri));
        }

        return new SentinelHubDeployment(name, baseUri, tokenUri, legacyTokenUri, identityProvider);
    }

    /// <summary>Parses <c>EU</c>, <c>US-West</c> (or <c>uswest</c>) and <c>CDSE</c>, case-insensitively.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The deployment.</returns>
    public static SentinelHubDeployment Parse(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name.Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "EU" or "SENTINELHUB" or "DEFAULT" => Eu,
            "USWEST" or "USWEST2" or "US" => UsWest,
            "CDSE" or "COPERNICUS" or "COPERNICUSDATASPACE" => Cdse,
            _ => throw new ArgumentException($"Unknown Sentinel Hub deployment '{name}'. Use EU, US-West or CDSE, or SentinelHubDeployment.Custom(...).", nameof(name)),
        };
    }

    /// <inheritdoc />
    public bool Equals(SentinelHubDeployment? other) =>
        other is not null && BaseUri == other.BaseUri && TokenUri == other.TokenUri && IdentityProvider == other.IdentityProvider;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SentinelHubDeployment);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(BaseUri, TokenUri, IdentityProvider);

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({BaseUri})";

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
