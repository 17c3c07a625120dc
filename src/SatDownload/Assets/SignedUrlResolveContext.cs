namespace SatDownload;

/// <summary>What the downloader tells an <see cref="ISignedUrlResolver"/> about a resolution.</summary>
public sealed class SignedUrlResolveContext
{
    /// <summary>The context for a first resolution.</summary>
    public static SignedUrlResolveContext Initial { get; } = new();

    /// <summary>Why the resolver is called.</summary>
    public ResolveReason Reason { get; init; } = ResolveReason.Initial;

    /// <summary>How many times this asset has been resolved before in this download (0 for the first).</summary>
    public int PreviousResolutions { get; init; }

    /// <summary>The location that expired or was refused, if any.</summary>
    public DownloadLocation? PreviousLocation { get; init; }

    /// <summary>The HTTP status storage answered with when <see cref="Reason"/> is <see cref="ResolveReason.Refused"/>.</summary>
    public int? RefusedStatusCode { get; init; }

    /// <summary>Whether a cached location must not be reused.</summary>
    public bool MustRefresh => Reason != ResolveReason.Initial;
}
