namespace SatDownload.Testing;

/// <summary>What a <see cref="FaultRule"/> does to the requests it applies to.</summary>
public enum FaultKind
{
    /// <summary>Answer a fixed status (optionally with <c>Retry-After</c> and a body) instead of the real handler.</summary>
    Status,

    /// <summary>Send the real headers and the first K body bytes, flush, then abort the connection (client: <see cref="IOException"/>, byte count not guaranteed).</summary>
    AbortAfterBytes,

    /// <summary>Send the real headers (with the full <c>Content-Length</c>) and exactly K body bytes, then end the response (client: <see cref="HttpIOException"/> with <see cref="HttpRequestError.ResponseEnded"/>).</summary>
    TruncateBody,

    /// <summary>Wait (real time) before running the real handler, so headers arrive late.</summary>
    DelayHeaders,

    /// <summary>Send the real body at a fixed rate (real time).</summary>
    PaceBody,

    /// <summary>Never answer; the request ends only when the client goes away or the emulator stops.</summary>
    Hang,

    /// <summary>Change a blob's bytes (new ETag) before the request is served.</summary>
    ChangeBlobContent,

    /// <summary>Run a test-supplied callback that may answer the request itself.</summary>
    Custom,
}
