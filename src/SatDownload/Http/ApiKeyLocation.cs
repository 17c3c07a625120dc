namespace SatDownload.Http;

/// <summary>Where <see cref="ApiKeyHandler"/> puts the key.</summary>
public enum ApiKeyLocation
{
    /// <summary>A request header, for example <c>x-api-key: &lt;key&gt;</c> or <c>Authorization: ApiKey &lt;key&gt;</c>.</summary>
    Header,

    /// <summary>A query parameter, for example <c>?api_key=&lt;key&gt;</c>.</summary>
    Query,
}
