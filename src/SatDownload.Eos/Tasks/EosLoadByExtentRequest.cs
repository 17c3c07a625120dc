namespace SatDownload.Eos.Tasks;

/// <summary>
/// A load-by-extent (<c>lbe</c>) request: the bands of one scene cropped to a polygon. Validated client-side by
/// <see cref="EosClient.CreateLoadByExtentTaskAsync"/> before anything is sent.
/// </summary>
public sealed class EosLoadByExtentRequest
{
    private readonly IReadOnlyList<string> _bands = Array.Empty<string>();
    private readonly IReadOnlyList<string>? _metadata;

    /// <summary>The scene's view id from the Search API, for example <c>S2/13/R/EL/2023/7/19/0</c>.</summary>
    public required string ViewId { get; init; }

    /// <summary>The bands to load, for example <c>["B02","B03","B04"]</c>; non-empty and unique.</summary>
    public required IReadOnlyList<string> Bands
    {
        get => _bands;
        init => _bands = value is null ? Array.Empty<string>() : value.ToArray();
    }

    /// <summary>
    /// The area of interest (validated by <see cref="SatDownload.Aoi"/>: WGS84 lon/lat, polygonal). EOS accepts one Polygon;
    /// a MultiPolygon needs <see cref="MultiPolygonHandling"/> set to split.
    /// </summary>
    public required Aoi Aoi { get; init; }

    /// <summary>Merge bands of the same resolution into one file; null leaves the provider default (true). Ignored for NAIP.</summary>
    public bool? Merge { get; init; }

    /// <summary>Metadata files to include (related to tile and product metadata); makes the result a zip.</summary>
    public IReadOnlyList<string>? Metadata
    {
        get => _metadata;
        init => _metadata = value?.ToArray();
    }

    /// <summary>A caller-unique id for the request; generated (<c>satdownload-{guid}</c>) when null.</summary>
    public string? Reference { get; init; }

    /// <summary>Where EOS sends the result asynchronously (see the docs: the SDK hosts no server; feed the payload to <see cref="EosLoadByExtentTask.ApplyCallback(string)"/>).</summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>What to do with a MultiPolygon geometry. Default <see cref="EosMultiPolygonHandling.Reject"/>.</summary>
    public EosMultiPolygonHandling MultiPolygonHandling { get; init; } = EosMultiPolygonHandling.Reject;
}
