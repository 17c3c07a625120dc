namespace SatDownload;

/// <summary>Checksum algorithms a provider may publish for an asset.</summary>
public enum ChecksumAlgorithm
{
    /// <summary>SHA-256 over the whole file.</summary>
    Sha256,

    /// <summary>MD5 over the whole file (for example an S3 single-part ETag or a <c>Content-MD5</c> header).</summary>
    Md5,
}
