namespace SatDownload.SentinelHub;

/// <summary>Which identity provider issues tokens for a deployment. Tokens from one are not valid on the other.</summary>
public enum SentinelHubIdentityProvider
{
    /// <summary>Sentinel Hub's Keycloak realm <c>main</c> (services.sentinel-hub.com, services-uswest2).</summary>
    SentinelHub,

    /// <summary>Copernicus Data Space Ecosystem, Keycloak realm <c>CDSE</c>.</summary>
    CopernicusDataSpace,
}
