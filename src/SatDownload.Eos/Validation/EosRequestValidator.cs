using System.Globalization;
using NetTopologySuite.Geometries;
using SatDownload.Eos.Search;
using SatDownload.Eos.Tasks;

namespace SatDownload.Eos.Validation;

/// <summary>
/// Client-side checks of EOS requests. Each failure is an <see cref="ArgumentException"/> whose message names the field
/// and the fix, thrown before any HTTP call.
/// </summary>
internal static class EosRequestValidator
{
    public const int MaxSearchDays = 365;
    public const int MaxReferenceLength = 200;

    public static IReadOnlyList<Polygon> ValidateLoadByExtent(EosLoadByExtentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string p = "request";

        if (string.IsNullOrWhiteSpace(request.ViewId))
        {
            throw new ArgumentException("EosLoadByExtentRequest.ViewId is required: use the view_id of a scene returned by EosClient.SearchScenesAsync, for example 'S2/13/R/EL/2023/7/19/0'.", p);
        }

        if (request.ViewId.Any(char.IsWhiteSpace) || !request.ViewId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"EosLoadByExtentRequest.ViewId '{request.ViewId}' is not an EOS view id: it must look like 'S2/13/R/EL/2023/7/19/0' or 'L8/LC80110312016028LGN00' (sensor, slash, scene path, no spaces). Take it from a search result.", p);
        }

        ValidateList(request.Bands, "EosLoadByExtentRequest.Bands", "band", required: true, example: "[\"B02\",\"B03\",\"B04\"]");
        if (request.Metadata is not null)
        {
            ValidateList(request.Metadata, "EosLoadByExtentRequest.Metadata", "metadata file", required: false, example: "[\"MTD_TL.xml\"]");
        }

        if (request.Reference is not null)
        {
            if (string.IsNullOrWhiteSpace(request.Reference) || request.Reference.Length > MaxReferenceLength)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"EosLoadByExtentRequest.Reference must be non-blank and at most {MaxReferenceLength} characters, or null to have a unique one generated."), p);
            }
        }

        if (request.CallbackUrl is { } callback &&
            (!callback.IsAbsoluteUri || (callback.Scheme != Uri.UriSchemeHttps && callback.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ArgumentException("EosLoadByExtentRequest.CallbackUrl must be an absolute http(s) URL that EOS can reach, or null.", p);
        }

        if (!Enum.IsDefined(request.MultiPolygonHandling))
        {
            throw new ArgumentException("EosLoadByExtentRequest.MultiPolygonHandling must be Reject or SplitIntoTasks.", p);
        }

        return ValidatePolygonal(request.Aoi, "EosLoadByExtentRequest.Aoi", request.MultiPolygonHandling == EosMultiPolygonHandling.SplitIntoTasks);
    }

    public static Polygon ValidateSearch(EosSceneSearchRequest request, int defaultPageSize)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string p = "request";
        ValidateList(request.Datasets, "EosSceneSearchRequest.Datasets", "dataset", required: true, example: "[\"sentinel2\"]");
        if (request.Datasets.Any(d => d.Contains('/', StringComparison.Ordinal) || d.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("EosSceneSearchRequest.Datasets holds dataset ids such as 'sentinel2' or 'landsat8', without slashes or spaces.", p);
        }

        if (request.To < request.From)
        {
            throw new ArgumentException($"EosSceneSearchRequest.To ({request.To:yyyy-MM-dd}) is before From ({request.From:yyyy-MM-dd}); swap them.", p);
        }

        if (request.To.DayNumber - request.From.DayNumber > MaxSearchDays)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"EosSceneSearchRequest date range {request.From:yyyy-MM-dd}..{request.To:yyyy-MM-dd} is longer than {MaxSearchDays} days; split the search into yearly windows."), p);
        }

        CheckPercent(request.MinCloudCoverage, "EosSceneSearchRequest.MinCloudCoverage");
        CheckPercent(request.MaxCloudCoverage, "EosSceneSearchRequest.MaxCloudCoverage");
        if (request.MinCloudCoverage is { } min && request.MaxCloudCoverage is { } max && min > max)
        {
            throw new ArgumentException("EosSceneSearchRequest.MinCloudCoverage is above MaxCloudCoverage; swap them.", p);
        }

        if (string.IsNullOrWhiteSpace(request.SortBy))
        {
            throw new ArgumentException("EosSceneSearchRequest.SortBy must name a field, for example 'date' or 'cloudCoverage'.", p);
        }

        if (request.Fields is not null)
        {
            ValidateList(request.Fields, "EosSceneSearchRequest.Fields", "field", required: false, example: "[\"sceneID\",\"cloudCoverage\",\"date\"]");
        }

        var pageSize = request.PageSize ?? defaultPageSize;
        if (pageSize is < 1 or > 500)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"EosSceneSearchRequest.PageSize must be between 1 and 500; got {pageSize}."), p);
        }

        if (request.MaxResults is < 1)
        {
            throw new ArgumentException("EosSceneSearchRequest.MaxResults must be positive, or null for every page.", p);
        }

        var polygons = ValidatePolygonal(request.Aoi, "EosSceneSearchRequest.Aoi", allowMulti: false);
        return polygons[0];
    }

    private static void CheckPercent(double? value, string field)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0 || v > 100))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{field} is a percentage between 0 and 100; got {v}."), "request");
        }
    }

    private static void ValidateList(IReadOnlyList<string>? values, string field, string what, bool required, string example)
    {
        if (values is null || values.Count == 0)
        {
            if (required)
            {
                throw new ArgumentException($"{field} must list at least one {what}, for example {example}.", "request");
            }

            throw new ArgumentException($"{field} is empty; leave it null instead, or list at least one {what}, for example {example}.", "request");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}] is blank; every {what} must be named, for example {example}."), "request");
            }

            if (!seen.Add(value.Trim()))
            {
                throw new ArgumentException($"{field} lists '{value}' more than once; each {what} may appear only once.", "request");
            }
        }
    }

    private static IReadOnlyList<Polygon> ValidatePolygonal(Aoi? aoi, string field, bool allowMulti)
    {
        if (aoi is null)
        {
            throw new ArgumentException($"{field} is required: for example Aoi.FromGeoJson(...) or Aoi.FromBoundingBox(west, south, east, north).", "request");
        }

        if (aoi.CrossesAntimeridian)
        {
            throw new ArgumentException($"{field} crosses the antimeridian, which EOS polygons cannot express; split it into one AOI per side of 180°.", "request");
        }

        var geometry = aoi.Geometry;

        IReadOnlyList<Polygon> polygons = geometry switch
        {
            Polygon polygon => [polygon],
            MultiPolygon multi when multi.NumGeometries == 1 => [(Polygon)multi.GetGeometryN(0)],
            MultiPolygon multi when allowMulti => Enumerable.Range(0, multi.NumGeometries).Select(i => (Polygon)multi.GetGeometryN(i)).ToArray(),
            MultiPolygon multi => throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{field} is a MultiPolygon of {multi.NumGeometries} parts, but EOS load by extent accepts only a Polygon. Pass one polygon (for example the convex hull), or set MultiPolygonHandling = SplitIntoTasks to create one task per polygon."), "request"),
            _ => throw new ArgumentException($"{field} is a {geometry.GeometryType}; EOS accepts only a Polygon (GeoJSON type 'Polygon') of lon/lat coordinates.", "request"),
        };

        foreach (var polygon in polygons)
        {
            foreach (var c in polygon.Coordinates)
            {
                if (double.IsNaN(c.X) || double.IsNaN(c.Y) || c.X < -180 || c.X > 180 || c.Y < -90 || c.Y > 90)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{field} has the position ({c.X}, {c.Y}) outside WGS84 lon/lat bounds: coordinates must be [lon, lat] in degrees, longitude first."), "request");
                }
            }

            if (!polygon.IsValid)
            {
                var reason = new NetTopologySuite.Operation.Valid.IsValidOp(polygon).ValidationError;
                throw new ArgumentException($"{field} is not a valid polygon ({reason?.Message ?? "invalid"} at {reason?.Coordinate}); fix self-intersections or unclosed rings (for example with Geometry.Buffer(0)).", "request");
            }
        }

        return polygons;
    }
}
