namespace SatDownload.Testing.Capella;

/// <summary>
/// How the emulated analytics asset href answers. Capella's article says only that calling the href "will return a signed
/// url"; which form it takes is unconfirmed, so the emulator serves each and the client must handle all of them.
/// </summary>
public enum CapellaHrefAnswerMode
{
    /// <summary><c>200</c> with <c>application/json</c> <c>{"url":"&lt;signed&gt;"}</c>.</summary>
    JsonUrl,

    /// <summary><c>200</c> with <c>text/plain</c> holding the signed URL.</summary>
    PlainText,

    /// <summary><c>302</c> with <c>Location: &lt;signed&gt;</c>.</summary>
    Redirect,

    /// <summary><c>200</c> with the file itself (no signed URL; the href must be downloaded with credentials).</summary>
    File,
}
