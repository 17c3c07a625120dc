namespace SatDownload;

/// <summary>One asset of a journaled task: a serialisable record, keyed by <see cref="ImageryAsset.Identity"/>.</summary>
public sealed class JournalAssetEntry
{
    /// <summary>The asset identity, <c>provider/productId/assetKey</c>.</summary>
    public string Identity { get; set; } = string.Empty;

    /// <summary>The state.</summary>
    public JournalAssetState State { get; set; }

    /// <summary>The file path relative to the destination directory, with <c>/</c> separators.</summary>
    public string? Path { get; set; }

    /// <summary>The file size in bytes, once known.</summary>
    public long? Size { get; set; }

    /// <summary>The lowercase hex SHA-256 of the complete file, once known.</summary>
    public string? Sha256 { get; set; }

    /// <summary>When the state last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The last error, redacted, when <see cref="State"/> is <see cref="JournalAssetState.Failed"/>.</summary>
    public string? Error { get; set; }
}
