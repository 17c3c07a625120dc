namespace SatDownload.SentinelHub;

/// <summary>
/// How a <see cref="SentinelHubBatchTask"/> lists and resolves its outputs. Batch v2 writes into your bucket and has no
/// tile-listing endpoint, so the task derives each output object from the request's output path template
/// (<c>&lt;requestId&gt;</c>, <c>&lt;tileName&gt;</c>, <c>&lt;outputId&gt;</c>, <c>&lt;format&gt;</c>) and the tile names, as
/// <see cref="ImageryAsset"/>s with <c>s3://</c> hrefs that <see cref="Resolver"/> turns into presigned https URLs.
/// </summary>
/// <remarks>
/// Tile names come from <see cref="TileNames"/> when you know them, otherwise from the task's execution database
/// (<c>execution-&lt;requestId&gt;.sqlite</c>, table <c>features</c>: name and status PENDING/DONE/FATAL), fetched through
/// <see cref="Resolver"/> and read without a native SQLite dependency. FATAL tiles are not listed (see
/// <see cref="SentinelHubBatchTask.FailedTiles"/>).
/// </remarks>
public sealed class SentinelHubBatchOutputOptions
{
    /// <summary>
    /// Turns <c>s3://bucket/key</c> into a downloadable location, for example an AWS SDK presigner wrapped in a
    /// <see cref="DelegateSignedUrlResolver"/>, or <see cref="ObjectStorageResolver"/> over an <see cref="ISentinelHubObjectStorage"/>.
    /// Required to download outputs; without it assets are listed with their <c>s3://</c> hrefs only when <see cref="TileNames"/> is set.
    /// </summary>
    public ISignedUrlResolver? Resolver { get; init; }

    /// <summary>The tile names, when known (for example from the feature manifest); null reads them from the execution database.</summary>
    public IReadOnlyList<string>? TileNames { get; init; }

    /// <summary>Also list the feature manifest (<c>.gpkg</c>) and the execution database (<c>.sqlite</c>) as metadata assets.</summary>
    public bool IncludeBookkeepingFiles { get; init; } = true;

    /// <summary>
    /// List outputs by listing the bucket through this storage instead of from the template (the session-1 behaviour;
    /// useful for GeoPackage inputs whose identifiers you do not know). Null: template-based listing.
    /// </summary>
    public ISentinelHubObjectStorage? ListFromBucket { get; init; }

    /// <summary>Client used to fetch the execution database from its presigned URL (no Sentinel Hub credentials are sent). Null: a shared plain client.</summary>
    public HttpClient? StorageHttpClient { get; init; }

    /// <summary>The largest execution database read into memory (default 256 MiB).</summary>
    public long MaxExecutionDatabaseBytes { get; init; } = 256L * 1024 * 1024;

    internal static SentinelHubBatchOutputOptions FromStorage(ISentinelHubObjectStorage? storage, TimeProvider time) =>
        storage is null ? new SentinelHubBatchOutputOptions() : new SentinelHubBatchOutputOptions { Resolver = new ObjectStorageResolver(storage, time) };
}
