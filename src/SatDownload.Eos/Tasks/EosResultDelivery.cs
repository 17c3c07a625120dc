namespace SatDownload.Eos.Tasks;

/// <summary>How EOS delivered a finished task's result (the API does not document it; all forms are handled).</summary>
public enum EosResultDelivery
{
    /// <summary>Not seen yet.</summary>
    Unknown,

    /// <summary>The status call returned the file bytes themselves.</summary>
    InlineBinary,

    /// <summary>The status call returned JSON with result URL(s).</summary>
    ResultUrls,

    /// <summary>The status call redirected (30x) to the file.</summary>
    Redirect,
}
