using System.Globalization;
using NetTopologySuite.Geometries;

namespace SatDownload.Capella;

/// <summary>
/// A STAC search of Capella's catalog (<c>POST /catalog/search</c>), for example to find the granules to order. Results are
/// paged by the service (<c>limit</c>/<c>page</c>, <c>links[rel=next]</c>) and read lazily.
/// </summary>
public sealed class CapellaCatalogSearch
{
    /// <summary>The largest page the service serves.</summary>
    public const int MaxPageSize = 900;

    /// <summary>The most items one search may return.</summary>
    public const int MaxItems = 10_000;

    /// <summary>Collections to search, for example <c>capella-archive</c> or <c>capella-open-data</c>.</summary>
    public IReadOnlyCollection<string>? Collections { get; init; }

    /// <summary>Item ids to fetch.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }

    /// <summary>A bounding box (WGS84). Mutually exclusive with <see cref="Intersects"/>.</summary>
    public BoundingBox? BoundingBox { get; init; }

    /// <summary>A polygon the items must intersect (WGS84). Mutually exclusive with <see cref="BoundingBox"/>.</summary>
    public Polygon? Intersects { get; init; }

    /// <summary>Acquired at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Acquired at or before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Items per page, 1 to <see cref="MaxPageSize"/>; 100 by default.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Stop after this many items (at most <see cref="MaxItems"/>); all by default.</summary>
    public int? MaxResults { get; init; }

    /// <summary>Checks the search and names the field to fix.</summary>
    /// <exception cref="ArgumentException">A field is invalid.</exception>
    public void Validate()
    {
        if (PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentException($"CapellaCatalogSearch.PageSize must be between 1 and {MaxPageSize}; got {PageSize}.", nameof(PageSize));
        }

        if (MaxResults is { } max && (max < 1 || max > MaxItems))
        {
            throw new ArgumentException($"CapellaCatalogSearch.MaxResults must be between 1 and {MaxItems} (the service's cap per search); narrow the search instead.", nameof(MaxResults));
        }

        if (BoundingBox is not null && Intersects is not null)
        {
            throw new ArgumentException("CapellaCatalogSearch.BoundingBox and Intersects are mutually exclusive; set one.", nameof(BoundingBox));
        }

        if (BoundingBox is { } b && (b.West < -180 || b.East > 180 || b.South < -90 || b.North > 90 || b.South >= b.North))
        {
            throw new ArgumentException($"CapellaCatalogSearch.BoundingBox ({b.West}, {b.South}, {b.East}, {b.North}) must be WGS84 longitude/latitude with South < North.", nameof(BoundingBox));
        }

        if (Intersects is not null)
        {
            CapellaValidation.AoiPolygon(Intersects, nameof(Intersects));
        }

        if (From is { } f && To is { } t && f > t)
        {
            throw new ArgumentException($"CapellaCatalogSearch.From ({f:u}) is after To ({t:u}); swap them.", nameof(From));
        }

        if ((Collections?.Any(string.IsNullOrWhiteSpace) ?? false) || (Ids?.Any(string.IsNullOrWhiteSpace) ?? false))
        {
            throw new ArgumentException("CapellaCatalogSearch.Collections and Ids must not contain blank entries.", nameof(Collections));
        }
    }

    internal string? DateTimeInterval =>
        From is null && To is null
            ? null
            : (From?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "..") + "/" +
              (To?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "..");
}
