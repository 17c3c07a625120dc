namespace SatDownload;

/// <summary>What the downloader does when the target file, or a partial download of it, already exists.</summary>
public enum ExistingFilePolicy
{
    /// <summary>
    /// Keep a complete file (skip it) and continue a partial one (<c>.part</c> plus sidecar) from the bytes it records as
    /// complete, after checking with the server that the file has not changed. The default.
    /// </summary>
    Resume,

    /// <summary>Keep a complete file (skip it); discard any partial download and start that file from zero.</summary>
    SkipIfComplete,

    /// <summary>Download again from zero and replace the existing file when the new one is complete and verified.</summary>
    Overwrite,

    /// <summary>Fail the asset with an <see cref="IOException"/> when the target file already exists; partial downloads are continued.</summary>
    Fail,
}
