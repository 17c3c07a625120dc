namespace SatDownload;

/// <summary>Why a <see cref="ISignedUrlResolver"/> is asked for a location.</summary>
public enum ResolveReason
{
    /// <summary>Before the first request for the asset.</summary>
    Initial,

    /// <summary>The previous location's <see cref="DownloadLocation.ExpiresAt"/> has passed or is about to.</summary>
    Expired,

    /// <summary>Storage refused the previous location (401 or 403): treat it as expired and sign again.</summary>
    Refused,
}
