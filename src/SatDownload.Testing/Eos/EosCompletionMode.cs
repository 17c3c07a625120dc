namespace SatDownload.Testing.Eos;

/// <summary>How the EOS emulator delivers a finished load-by-extent result; the real API's form is unconfirmed, so all are served.</summary>
public enum EosCompletionMode
{
    /// <summary>The status call returns the file bytes themselves (Content-Type per result type, Content-Disposition).</summary>
    InlineBinary,

    /// <summary>The status call returns <c>{status:"success", result:[{url}]}</c> pointing at a signed blob URL.</summary>
    JsonResultArray,

    /// <summary>The status call returns <c>{status:"success", result_url}</c> pointing at a signed blob URL.</summary>
    JsonResultUrl,

    /// <summary>The status call answers 302 with <c>Location</c> set to a signed blob URL.</summary>
    Redirect,
}
