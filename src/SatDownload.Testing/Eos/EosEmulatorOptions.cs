namespace SatDownload.Testing.Eos;

/// <summary>Behaviour switches of <see cref="EosEmulator"/>.</summary>
public sealed class EosEmulatorOptions
{
    /// <summary>The API keys accepted (in <c>x-api-key</c> or <c>api_key</c>). Default one key, <see cref="DefaultApiKey"/>.</summary>
    public ISet<string> ApiKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { DefaultApiKey };

    /// <summary>The key accepted by default.</summary>
    public const string DefaultApiKey = "apk.emulator0123456789abcdef";

    /// <summary>How finished results are delivered. Default <see cref="EosCompletionMode.JsonResultArray"/>.</summary>
    public EosCompletionMode CompletionMode { get; set; } = EosCompletionMode.JsonResultArray;

    /// <summary>The status right after creation: <c>created</c> (newer docs) or <c>authentication</c> (older docs).</summary>
    public string InitialStatus { get; set; } = "created";

    /// <summary>The HTTP status of a successful create: 202 (older docs) or 200. Default 202.</summary>
    public int CreateStatusCode { get; set; } = 202;

    /// <summary>Virtual time from creation until the task reports <c>started</c>. Default 5 s.</summary>
    public TimeSpan StartedAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Virtual time from creation until the task finishes. Default 30 s.</summary>
    public TimeSpan FinishedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>task_timeout</c> returned on create, in seconds. Default 345600 (four days, as documented).</summary>
    public long TaskTimeoutSeconds { get; set; } = 345600;

    /// <summary>Tasks whose view id is in this set finish as <see cref="FailureStatus"/>.</summary>
    public ISet<string> FailingViewIds { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The terminal failure string: <c>failed</c> or <c>error</c>. Default <c>failed</c>.</summary>
    public string FailureStatus { get; set; } = "failed";

    /// <summary>View ids that do not exist (create answers 404). Any view id without a slash is also unknown.</summary>
    public ISet<string> UnknownViewIds { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>A status string emitted while running, replacing <c>started</c> (to test unknown statuses).</summary>
    public string RunningStatus { get; set; } = "started";

    /// <summary>Requests per minute per endpoint per key; 0 turns the limit off. Default 10.</summary>
    public int RequestsPerMinute { get; set; } = 10;

    /// <summary>Whether a 429 carries <c>Retry-After</c> (seconds). Default true.</summary>
    public bool SendRetryAfter { get; set; } = true;

    /// <summary>How long the signed result URLs stay valid (virtual time). Default 1 hour.</summary>
    public TimeSpan ResultUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether the final status JSON is POSTed once to the task's <c>callback_url</c>. Default false.</summary>
    public bool PostCallbacks { get; set; }

    /// <summary>The scenes the search endpoints return (a default Sentinel-2 and Landsat-8 catalogue when empty).</summary>
    public IList<EosEmulatedScene> Scenes { get; } = new List<EosEmulatedScene>();

    /// <summary>Edge length in pixels of the emulated rasters. Default 32.</summary>
    public int RasterSize { get; set; } = 32;
}
