namespace SatDownload.Capella;

/// <summary>How a <see cref="CapellaClient"/> authenticates.</summary>
public enum CapellaAuthenticationMethod
{
    /// <summary>No credentials configured.</summary>
    None,

    /// <summary><c>Authorization: ApiKey &lt;key&gt;</c>, the current method.</summary>
    ApiKey,

    /// <summary>The deprecated flow: <c>POST /token</c> with Basic credentials, then <c>Authorization: Bearer</c>.</summary>
    Token,
}
