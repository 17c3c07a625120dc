using SatDownload.Http;

namespace SatDownload;

/// <summary>
/// Library-wide settings registered by <c>services.AddSatDownload(...)</c> and bindable from configuration (section of your
/// choice, for example <c>"SatDownload"</c>). Provider adapters start from these defaults and apply their own options on top.
/// </summary>
public sealed class SatDownloadOptions
{
    /// <summary>Default retry, backoff and timeout settings for provider API calls.</summary>
    public HttpRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Allow credentials over plain <c>http://</c> to non-loopback hosts (for trusted test networks only). Default off.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The <c>User-Agent</c> product token sent to providers. Default <c>SatDownload/&lt;version&gt;</c>.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>The default <c>User-Agent</c>.</summary>
    public static string DefaultUserAgent { get; } =
        "SatDownload/" + (typeof(SatDownloadOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
}
