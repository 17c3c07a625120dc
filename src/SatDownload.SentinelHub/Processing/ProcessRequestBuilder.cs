using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// Builds a <see cref="ProcessRequest"/> over an <see cref="Aoi"/>: bbox and geometry in CRS84 (default) or in the AOI's
/// UTM zone (metres, so <c>resx/resy</c> are ground resolution), data collections with filters and processing options,
/// output size or resolution, responses, and the evalscript from a string or a file.
/// </summary>
public sealed class ProcessRequestBuilder
{
    /// <summary>The CRS84 OGC URL (the service default).</summary>
    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private readonly Aoi _aoi;
    private readonly List<ProcessDataSource> _data = new();
    private readonly List<ProcessResponseSpec> _responses = new();
    private bool _utm;
    private bool _bboxOnly;
    private int? _width;
    private int? _height;
    private double? _resx;
    private double? _resy;
    private string? _evalscript;

    private ProcessRequestBuilder(Aoi aoi) => _aoi = aoi;

    /// <summary>Starts a request over an area of interest.</summary>
    /// <param name="aoi">The area.</param>
    /// <returns>The builder.</returns>
    public static ProcessRequestBuilder For(Aoi aoi) => new(aoi ?? throw new ArgumentNullException(nameof(aoi)));

    /// <summary>The EPSG code of the OGC CRS URL.</summary>
    /// <param name="epsg">The code.</param>
    /// <returns>The URL.</returns>
    public static string CrsUrl(int epsg) => epsg == 4326 ? Crs84 : "http://www.opengis.net/def/crs/EPSG/0/" + epsg.ToString(CultureInfo.InvariantCulture);

    /// <summary>Sends bounds in the AOI's UTM zone (<see cref="Aoi.UtmEpsgCode"/>) so resolutions are in metres.</summary>
    /// <returns>The builder.</returns>
    public ProcessRequestBuilder InUtm()
    {
        _utm = true;
        return this;
    }

    /// <summary>Sends only the bbox (renders the whole rectangle instead of clipping to the geometry).</summary>
    /// <returns>The builder.</returns>
    public ProcessRequestBuilder BoundingBoxOnly()
    {
        _bboxOnly = true;
        return this;
    }

    /// <summary>Adds a data collection.</summary>
    /// <param name="type">Collection type, e.g. <c>sentinel-2-l2a</c>.</param>
    /// <param name="from">Start of the time range.</param>
    /// <param name="to">End of the time range.</param>
    /// <param name="configure">Optional: filters (cloud cover, mosaicking, S1 options) and processing.</param>
    /// <returns>The builder.</returns>
    public ProcessRequestBuilder AddData(string type, DateTimeOffset from, DateTimeOffset to, Action<ProcessDataSource>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var source = new ProcessDataSource { Type = type, DataFilter = new DataFilter { TimeRange = TimeRange.Between(from, to) } };
        configure?.Invoke(source);
        _data.Add(source);
        return this;
    }

    /// <summary>Output size in pixels (clears a resolution).</summary>
    /// <param name="width">Width.</param>
    /// <param name="height">Height.</param>
    /// <returns>The builder.</returns>
    public ProcessRequestBuilder WithSize(int width, int height)
    {
        (_width, _height, _resx, _resy) = (width, height, null, null);
        return this;
    }

    /// <summary>Output resolution in CRS units (metres with <see cref="InUtm"/>, degrees otherwise; clears a size).</summary>
    /// <param name="resx">Horizontal resolution.</param>
    /// <param name="resy">Vertical resolution.</param>
    /// <returns>The builder.</returns>
    public ProcessRequestBuilder WithResolution(double resx, double resy)
    {
        (_width, _height, _resx, _resy) = (null, null, resx, resy);
        return this;
    }

    /// <summary>Adds a response.</summary>
    /// <param name="identifier">The evalscript output id (<c>default</c>, <c>userdata</c>, ...).</param>
    /// <param name="format">Media type (see <see cref="SentinelHubFormats"/>).</param>
    /// <param name="quality">JPEG quality.</param>
    /// <returns>The builder.</returns>
    public ProcessRequestBuilder AddResponse(string identifier, string format = SentinelHubFormats.Tiff, int? quality = null)
    {
        _responses.Add(new ProcessResponseSpec { Identifier = identifier, Format = new OutputFormat { Type = format, Quality = quality } });
        return this;
    }

    /// <summary>Sets the evalscript.</summary>
    /// <param name="evalscript">The script.</param>
    /// <returns>The builder.</returns>
    public ProcessRequestBuilder WithEvalscript(string evalscript)
    {
        _evalscript = evalscript;
        return this;
    }

    /// <summary>Reads the evalscript from a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The builder.</returns>
    public ProcessRequestBuilder WithEvalscriptFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"The evalscript file '{path}' does not exist.", nameof(path));
        }

        _evalscript = File.ReadAllText(path);
        return this;
    }

    /// <summary>Builds and validates the request.</summary>
    /// <returns>The request.</returns>
    public ProcessRequest Build()
    {
        if (_aoi.CrossesAntimeridian && !_utm)
        {
            throw new ArgumentException("The AOI crosses the antimeridian, which a CRS84 bbox cannot express: call InUtm() or split the AOI at 180°.", "aoi");
        }

        var bounds = new ProcessBounds();
        if (_utm)
        {
            var epsg = _aoi.UtmEpsgCode;
            bounds.Properties = new BoundsProperties { Crs = CrsUrl(epsg) };
            var geometry = ProjectGeometry(JsonNode.Parse(_aoi.ToGeoJson())!, epsg, out var bbox);
            bounds.Bbox = bbox;
            if (!_bboxOnly)
            {
                using var doc = JsonDocument.Parse(geometry.ToJsonString());
                bounds.Geometry = doc.RootElement.Clone();
            }
        }
        else
        {
            var b = _aoi.BoundingBox;
            bounds.Bbox = [b.West, b.South, b.East, b.North];
            bounds.Properties = new BoundsProperties { Crs = Crs84 };
            if (!_bboxOnly)
            {
                using var doc = JsonDocument.Parse(_aoi.ToGeoJson());
                bounds.Geometry = doc.RootElement.Clone();
            }
        }

        var request = new ProcessRequest
        {
            Input = new ProcessInput { Bounds = bounds, Data = _data.ToList() },
            Output = new ProcessOutput { Width = _width, Height = _height, ResX = _resx, ResY = _resy, Responses = _responses.Count == 0 ? null : _responses.ToList() },
            Evalscript = _evalscript,
        };
        ProcessRequestValidator.Validate(request, maxPixels: null);
        return request;
    }

    private static JsonNode ProjectGeometry(JsonNode geometry, int epsg, out List<double> bbox)
    {
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        JsonNode Project(JsonNode node)
        {
            if (node is JsonArray a && a.Count >= 2 && a[0] is JsonValue && a[1] is JsonValue)
            {
                var (x, y) = UtmProjection.Forward(a[0]!.GetValue<double>(), a[1]!.GetValue<double>(), epsg);
                x = Math.Round(x, 3);
                y = Math.Round(y, 3);
                minX = Math.Min(minX, x);
                minY = Math.Min(minY, y);
                maxX = Math.Max(maxX, x);
                maxY = Math.Max(maxY, y);
                return new JsonArray(x, y);
            }

            return new JsonArray(((JsonArray)node).Select(c => (JsonNode?)Project(c!)).ToArray());
        }

        var projected = new JsonObject { ["type"] = geometry["type"]!.GetValue<string>(), ["coordinates"] = Project(geometry["coordinates"]!) };
        bbox = [minX, minY, maxX, maxY];
        return projected;
    }
}
