namespace SatDownload.Eos.Search;

/// <summary>
/// A scene search over one or more EOS datasets (<c>sentinel2</c>, <c>landsat8</c>, ...). One dataset uses
/// <c>POST /api/lms/search/v2/{dataset}</c>; several use <c>POST /api/lms/search/v2</c> with <c>search.satellites</c>.
/// </summary>
public sealed class EosSceneSearchRequest
{
    private readonly IReadOnlyList<string> _datasets = Array.Empty<string>();
    private readonly IReadOnlyList<string>? _fields;

    /// <summary>The datasets to search, for example <c>["sentinel2"]</c>; at least one.</summary>
    public required IReadOnlyList<string> Datasets
    {
        get => _datasets;
        init => _datasets = value is null ? Array.Empty<string>() : value.ToArray();
    }

    /// <summary>The area of interest (one polygon), sent as <c>search.shape</c>.</summary>
    public required Aoi Aoi { get; init; }

    /// <summary>The first acquisition day (inclusive).</summary>
    public required DateOnly From { get; init; }

    /// <summary>The last acquisition day (inclusive); at most 365 days after <see cref="From"/>.</summary>
    public required DateOnly To { get; init; }

    /// <summary>The lowest cloud cover in percent, when filtering.</summary>
    public double? MinCloudCoverage { get; init; }

    /// <summary>The highest cloud cover in percent, when filtering.</summary>
    public double? MaxCloudCoverage { get; init; }

    /// <summary>How scenes must relate to the shape, for example <c>CONTAINS</c> or <c>INTERSECTS</c>; provider default when null.</summary>
    public string? ShapeRelation { get; init; }

    /// <summary>The field to sort by. Default <c>date</c>.</summary>
    public string SortBy { get; init; } = "date";

    /// <summary>Whether to sort descending. Default true (newest first).</summary>
    public bool SortDescending { get; init; } = true;

    /// <summary>The fields to return; the provider default when null. <c>view_id</c> is always added.</summary>
    public IReadOnlyList<string>? Fields
    {
        get => _fields;
        init => _fields = value?.ToArray();
    }

    /// <summary>Results per page (<c>limit</c>); the client's <see cref="EosClientOptions.SearchPageSize"/> when null.</summary>
    public int? PageSize { get; init; }

    /// <summary>Stop after this many scenes; all pages when null.</summary>
    public int? MaxResults { get; init; }

    /// <summary>The <c>intersection_validation</c> flag; omitted when null.</summary>
    public bool? IntersectionValidation { get; init; }
}
