using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SatDownload.Testing.ClearSky;

/// <summary>
/// Emulates the ClearSKY Vision processing API as the ClearSKY notes (§4.5) describe it: <c>x-api-key</c> auth (401
/// missing, 403 revoked), the ServiceResult envelope, models, account info, composite availability from a date fixture
/// table, estimates from the AOI's bounding-box area, request validation with code 992 and a per-property <c>Data</c> map,
/// domain errors (994, 1002, 1004, 1005, 1006), a concurrency limit answered with 1003 or 429, GeoTIFF bodies with
/// <c>Content-Disposition</c> and an attribution header, and <c>UploadUrl</c> delivery by HTTP PUT answered with 201.
/// </summary>
/// <remarks>Routes live under <c>/clearsky</c>; point clients at <c>new Uri(emulator.BaseUri, "clearsky/")</c>. A PUT sink for
/// uploads is at <c>/clearsky/test-sink/{name}</c> (<see cref="SinkUrl"/>).</remarks>
public sealed class ClearSkyEmulator : IEmulatedProvider
{
    private static readonly int[] Resolutions = [10, 20, 40, 80, 160, 320, 640, 1280];
    private static readonly string[] DataTypes = ["INT16", "UINT8"];
    private static readonly HttpClient UploadClient = new();
    private static readonly object RawBodyKey = new();
    private readonly ConcurrentQueue<ClearSkyDelivery> _deliveries = new();
    private readonly ConcurrentDictionary<string, byte[]> _sink = new(StringComparer.Ordinal);
    private ProviderEmulator? _host;
    private int _inFlight;
    private int _busy;

    /// <summary>Creates the emulator.</summary>
    /// <param name="options">Behaviour switches; defaults when null.</param>
    public ClearSkyEmulator(ClearSkyEmulatorOptions? options = null)
    {
        Options = options ?? new ClearSkyEmulatorOptions();
    }

    /// <inheritdoc />
    public string Name => "clearsky";

    /// <inheritdoc />
    public string BasePath => "/clearsky";

    /// <summary>The behaviour switches.</summary>
    public ClearSkyEmulatorOptions Options { get; }

    /// <summary>Every file produced so far, in order.</summary>
    public IReadOnlyList<ClearSkyDelivery> Deliveries => _deliveries.ToArray();

    /// <summary>How many requests were refused as "busy" (1003 or 429).</summary>
    public int BusyAnswers => _busy;

    /// <summary>How many processing requests are in flight right now (accepted, not yet answered).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Bytes PUT to the test sink, by name.</summary>
    public IReadOnlyDictionary<string, byte[]> SinkUploads => _sink;

    /// <summary>A URL of the built-in PUT sink, usable as <c>UploadUrl</c>.</summary>
    /// <param name="name">The name to store the upload under.</param>
    /// <returns>The URL (with a fake signature query so redaction can be checked).</returns>
    public Uri SinkUrl(string name) =>
        new(_host?.BaseUri ?? throw new InvalidOperationException("The emulator has not started."), "clearsky/test-sink/" + Uri.EscapeDataString(name) + "?sig=secret-signature");

    /// <inheritdoc />
    public void MapRoutes(IEndpointRouteBuilder routes, ProviderEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(routes);
        _host = emulator ?? throw new ArgumentNullException(nameof(emulator));
        routes.MapGet("/api/account/info", c => Authorized(c, () => Ok(c, new JsonObject
        {
            ["TenantId"] = "tenant-emulated",
            ["MaxConcurrentConnections"] = Options.MaxConcurrentRequests,
            ["MaxCompositeAreaKm2"] = Options.MaxCompositeAreaKm2,
            ["MaxTotalBands"] = Options.MaxTotalBands,
            ["EuroOverdraftLimit"] = 0,
            ["EuroBalanceCap"] = 5000,
        })));
        routes.MapGet("/api/tasking/models", c => Authorized(c, () => Options.ServeModels ? Ok(c, Models()) : Fail(c, 404, 404, "Not found", null)));
        routes.MapPost("/api/satelliteimages/search/available", c => Authorized(c, () => DateSearchAsync(c)));
        routes.MapPost("/api/satelliteimages/process/composite/available", c => Authorized(c, () => AvailableAsync(c)));
        routes.MapPost("/api/satelliteimages/process/composite/estimate", c => Authorized(c, () => EstimateAsync(c)));
        routes.MapPost("/api/satelliteimages/process/composite", c => Authorized(c, () => ProcessAsync(c, "composite")));
        routes.MapPost("/api/satelliteimages/process/tile", c => Authorized(c, () => ProcessAsync(c, "tile")));
        routes.MapPost("/api/satelliteimages/process/minitile", c => Authorized(c, () => ProcessAsync(c, "minitile")));
        routes.MapPut("/test-sink/{name}", async (HttpContext c, string name) =>
        {
            using var buffer = new MemoryStream();
            await c.Request.Body.CopyToAsync(buffer, c.RequestAborted).ConfigureAwait(false);
            _sink[name] = buffer.ToArray();
            c.Response.StatusCode = 200;
        });
    }

    /// <summary>
    /// The blob a processing request's file is stored under in <see cref="ProviderEmulator.Blobs"/>: the kind
    /// (<c>composite</c>, <c>tile</c>, <c>minitile</c>) and the SHA-256 of the exact request body, so a test that knows the
    /// body it sends can find the file it must receive.
    /// </summary>
    /// <param name="kind">The processing endpoint: <c>composite</c>, <c>tile</c> or <c>minitile</c>.</param>
    /// <param name="requestBody">The request body bytes as sent.</param>
    /// <returns>For example <c>clearsky/out/composite-0123456789abcdef.tif</c>.</returns>
    public static string OutputBlobName(string kind, ReadOnlySpan<byte> requestBody) =>
        "clearsky/out/" + kind + "-" + Convert.ToHexString(SHA256.HashData(requestBody))[..16].ToLowerInvariant() + ".tif";

    /// <summary>
    /// Renders, without charging or logging a delivery, the file a valid processing request would produce, and stores it
    /// under <see cref="OutputBlobName"/>: tests learn the bytes they must receive before the request is sent (and before
    /// faults may keep it from ever completing). The route produces the same bytes for the same body.
    /// </summary>
    /// <param name="kind">The processing endpoint: <c>composite</c>, <c>tile</c> or <c>minitile</c>.</param>
    /// <param name="requestBody">The request body as it will be sent.</param>
    /// <returns>The stored blob.</returns>
    /// <exception cref="ArgumentException">The body is not a valid request of that kind.</exception>
    public EmulatorBlob Prerender(string kind, ReadOnlySpan<byte> requestBody)
    {
        var host = _host ?? throw new InvalidOperationException("The emulator has not started.");
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(requestBody);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The request body is not JSON: " + ex.Message, nameof(requestBody), ex);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = kind switch
        {
            "composite" => ParseComposite(body, requireResolution: true, errors),
            "tile" or "minitile" => ParseTile(body, kind, errors),
            _ => throw new ArgumentException("kind must be composite, tile or minitile.", nameof(kind)),
        };
        if (request is null)
        {
            throw new ArgumentException("The request is not valid: " + string.Join("; ", errors.Select(e => e.Key + ": " + e.Value)), nameof(requestBody));
        }

        var name = OutputBlobName(kind, requestBody);
        var bytes = Render(request, body);
        var fileName = string.Create(CultureInfo.InvariantCulture, $"ClearSKY_{kind}_{request.Date:yyyyMMdd}_{request.Resolution}m_{Convert.ToHexString(SHA256.HashData(bytes))[..8].ToLowerInvariant()}.tif");
        return host.Blobs.Put(name, bytes, "application/octet-stream", Options.SendContentDisposition ? "attachment; filename=" + fileName : null);
    }

    /// <summary>The estimate the emulator gives for an AOI area and resolution.</summary>
    /// <param name="areaKm2">The bounding-box area.</param>
    /// <param name="resolution">The resolution in metres.</param>
    /// <returns>Processing units, rounded to 2 decimals.</returns>
    public decimal EstimateUnits(double areaKm2, int resolution)
    {
        var scale = 10.0 / resolution;
        return Math.Round((decimal)(areaKm2 * scale * scale) * Options.UnitsPerKm2At10m, 2, MidpointRounding.AwayFromZero);
    }

    private static JsonObject Models() => new()
    {
        ["TaskingModels"] = new JsonArray(
            Model("Stratus2", ("Sentinel1", true), ("Sentinel2", false), ("Landsat89", true)),
            Model("Stratus2Fast", ("Sentinel2", false), ("Landsat89", true)),
            Model("Nimbus-NDVI", ("Sentinel2", false))),
    };

    private static JsonObject Model(string name, params (string Name, bool Optional)[] constellations) => new()
    {
        ["Model"] = name,
        ["SupportedSatelliteConstellations"] = new JsonArray(constellations.Select(c => (JsonNode)new JsonObject { ["SatelliteConstellation"] = c.Name, ["Optional"] = c.Optional }).ToArray()),
    };

    private async Task Authorized(HttpContext context, Func<Task> next)
    {
        var key = context.Request.Headers["x-api-key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            await Fail(context, 401, 401, "Missing API key: send the x-api-key header.", null).ConfigureAwait(false);
            return;
        }

        if (Options.RevokedKeys.Contains(key))
        {
            await Fail(context, 403, 403, "The API key has been revoked.", null).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(key, Options.ApiKey, StringComparison.Ordinal))
        {
            await Fail(context, 401, 401, "Invalid API key.", null).ConfigureAwait(false);
            return;
        }

        await next().ConfigureAwait(false);
    }

    private async Task DateSearchAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var bbox = Geometry(body, errors);
        var from = ReadDate(body, "From", errors);
        var until = ReadDate(body, "Until", errors);
        if (errors.Count > 0 || bbox is null || from is null || until is null)
        {
            await Validation(context, errors).ConfigureAwait(false);
            return;
        }

        var dates = new JsonArray();
        for (var d = from.Value; d <= until.Value; d = d.AddDays(5))
        {
            if (StateOf(d) is ClearSkyDateState.Available or ClearSkyDateState.Partial)
            {
                dates.Add(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        await Ok(context, new JsonObject
        {
            ["ModelImageDates"] = new JsonArray(new JsonObject
            {
                ["Model"] = "Stratus2",
                ["SatelliteConstellations"] = new JsonArray("Sentinel1", "Sentinel2", "Landsat89"),
                ["DatesByGeog"] = new JsonArray(new JsonObject { ["Wkt"] = body?["Wkt"]?.GetValue<string>() ?? "POLYGON EMPTY", ["Dates"] = dates }),
            }),
        }).ConfigureAwait(false);
    }

    private async Task AvailableAsync(HttpContext context)
    {
        var (body, request) = await ReadCompositeAsync(context, requireResolution: false).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var state = StateOf(request.Date);
        var ordered = state != ClearSkyDateState.NotOrdered && state != ClearSkyDateState.NoImagery;
        await Ok(context, new JsonObject
        {
            ["IntersectedActiveZones"] = new JsonArray("zone-emulated"),
            ["IntersectedActiveZonesUtmEpsg"] = new JsonArray(Utm(request.Bbox)),
            ["FullyAvailable"] = state is ClearSkyDateState.Available or ClearSkyDateState.NotOrdered,
            ["UncertaintyAvailable"] = state is ClearSkyDateState.Available,
            ["PartiallyAvailable"] = state is ClearSkyDateState.Partial or ClearSkyDateState.Available,
            ["PartiallyUncertaintyAvailable"] = state is ClearSkyDateState.Partial,
            ["PolygonInDataArea"] = true,
            ["DataAvailableForUser"] = ordered,
            ["DataOnZoneDataFrequencyDate"] = state != ClearSkyDateState.NoImagery,
            ["AllImagesPredicted"] = state != ClearSkyDateState.NoImagery,
            ["AnyImageWithinStorageMonths"] = true,
            ["OrdersCoverPolygon"] = ordered,
        }).ConfigureAwait(false);
        _ = body;
    }

    private async Task EstimateAsync(HttpContext context)
    {
        var (_, request) = await ReadCompositeAsync(context, requireResolution: true).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        await Ok(context, new JsonObject
        {
            ["AreaEstimateKm2"] = Math.Round(request.AreaKm2, 3),
            ["CreditEstimate"] = EstimateUnits(request.AreaKm2, request.Resolution),
        }).ConfigureAwait(false);
    }

    private async Task ProcessAsync(HttpContext context, string kind)
    {
        if (Interlocked.Increment(ref _inFlight) > Options.MaxConcurrentRequests || TakeForcedBusy())
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _busy);
            if (Options.BusyRetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            if (Options.ConcurrencyLimitAs429)
            {
                await Fail(context, 429, 429, "Too many requests.", null).ConfigureAwait(false);
            }
            else
            {
                await Fail(context, 400, 1003, "Maximum concurrent requests reached.", null).ConfigureAwait(false);
            }

            return;
        }

        try
        {
            if (Options.ProcessingGate is { } gate)
            {
                await gate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            }

            JsonNode? body;
            EmulatedRequest? request;
            if (kind == "composite")
            {
                (body, request) = await ReadCompositeAsync(context, requireResolution: true).ConfigureAwait(false);
            }
            else
            {
                (body, request) = await ReadTileAsync(context, kind).ConfigureAwait(false);
            }

            if (request is null)
            {
                return;
            }

            var state = StateOf(request.Date);
            if (state == ClearSkyDateState.NoImagery || (state == ClearSkyDateState.Partial && !Flag(body, "AllowPartialImage")))
            {
                await Fail(context, 400, 1002, "No imagery available for the area and date.", null).ConfigureAwait(false);
                return;
            }

            if (state == ClearSkyDateState.NotOrdered && !Flag(body, "AutomaticOrderCreation"))
            {
                await Fail(context, 400, 1006, "The area or date is not covered by an order.", null).ConfigureAwait(false);
                return;
            }

            if (kind == "composite" && request.AreaKm2 > Options.MaxCompositeAreaKm2)
            {
                await Fail(context, 400, 1004, "Maximum area exceeded.", null).ConfigureAwait(false);
                return;
            }

            if (request.Bands > Options.MaxTotalBands)
            {
                await Fail(context, 400, 1005, "Maximum band count exceeded.", null).ConfigureAwait(false);
                return;
            }

            var cost = EstimateUnits(request.AreaKm2, request.Resolution);
            if (cost > Options.Balance)
            {
                await Fail(context, 400, 994, "Insufficient processing units.", null).ConfigureAwait(false);
                return;
            }

            Options.Balance -= cost;
            var bytes = Render(request, body);
            var sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
            var fileName = string.Create(CultureInfo.InvariantCulture, $"ClearSKY_{kind}_{request.Date:yyyyMMdd}_{request.Resolution}m_{sha[..8]}.tif");
            var raw = body?.ToJsonString() ?? string.Empty;
            if (Options.Attribution is { } attribution && Options.SendAttributionHeader)
            {
                context.Response.Headers["X-ClearSky-Attribution"] = Uri.EscapeDataString(attribution);
            }

            if (body?["UploadUrl"]?.GetValue<string>() is { Length: > 0 } uploadUrl)
            {
                using var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/tiff");
                using var put = await UploadClient.PutAsync(new Uri(uploadUrl), content, context.RequestAborted).ConfigureAwait(false);
                if (!put.IsSuccessStatusCode)
                {
                    await Fail(context, 400, 1010, "Uploading to UploadUrl failed with HTTP " + (int)put.StatusCode + ".", null).ConfigureAwait(false);
                    return;
                }

                _deliveries.Enqueue(new ClearSkyDelivery(context.Request.Path, fileName, bytes, sha, uploadUrl, raw));
                context.Response.StatusCode = 201;
                return;
            }

            var blob = OutputBlobName(kind, context.Items[RawBodyKey] as byte[] ?? []);
            _host!.Blobs.Put(blob, bytes, "application/octet-stream", Options.SendContentDisposition ? "attachment; filename=" + fileName : null);
            _deliveries.Enqueue(new ClearSkyDelivery(context.Request.Path, fileName, bytes, sha, null, raw));
            await _host.Blobs.ServeAsync(context, blob).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private bool TakeForcedBusy()
    {
        lock (Options)
        {
            if (Options.ForcedBusyResponses > 0)
            {
                Options.ForcedBusyResponses--;
                return true;
            }

            return false;
        }
    }

    private byte[] Render(EmulatedRequest request, JsonNode? body)
    {
        var epsg = request.Epsg;
        var bbox = request.Bbox;
        GeoTiffExtent extent;
        if (epsg is >= 32601 and <= 32660 or >= 32701 and <= 32760)
        {
            // A plausible UTM extent: the box's size in metres around the zone's false easting.
            var width = Math.Max(request.Resolution * Options.RasterSize, (bbox.East - bbox.West) * 111_320 * Math.Cos(bbox.South * Math.PI / 180));
            var north = epsg >= 32701 ? 10_000_000 + (bbox.North * 110_574) : bbox.North * 110_574;
            extent = new GeoTiffExtent(500_000 - (width / 2), north - ((bbox.North - bbox.South) * 110_574), 500_000 + (width / 2), north);
        }
        else
        {
            epsg = GeoTiffWriter.Wgs84EpsgCode;
            extent = new GeoTiffExtent(bbox.West, bbox.South, bbox.East, bbox.North);
        }

        var bands = Math.Clamp(request.Bands, 1, 16);
        var uint8 = string.Equals(body?["DataType"]?.GetValue<string>(), "UINT8", StringComparison.Ordinal);
        var seed = request.Date.DayNumber + request.Resolution;
        return new GeoTiffWriter
        {
            Width = Options.RasterSize,
            Height = Options.RasterSize,
            BandCount = bands,
            SampleType = uint8 ? GeoTiffSampleType.Byte : GeoTiffSampleType.UInt16,
            Extent = extent,
            EpsgCode = epsg,
            NoData = uint8 ? 0 : null,

            // The notes leave the real carrier open (header, GeoTIFF tag or JSON); the emulator sends both a header and
            // this tag so pass-through can be tested either way.
            ImageDescription = Options.Attribution,
        }.ToArray((x, y, b) => uint8 ? (x + y + b + seed) % 250 + 1 : ((x * 31) + (y * 17) + (b * 1000) + seed) % 10_000);
    }

    private async Task<(JsonNode? Body, EmulatedRequest? Request)> ReadCompositeAsync(HttpContext context, bool requireResolution)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = ParseComposite(body, requireResolution, errors);
        if (request is null)
        {
            await Validation(context, errors).ConfigureAwait(false);
        }

        return (body, request);
    }

    private static EmulatedRequest? ParseComposite(JsonNode? body, bool requireResolution, Dictionary<string, string> errors)
    {
        var bbox = Geometry(body, errors);
        var date = ReadDate(body, "Date", errors);
        var resolution = ReadInt(body, "Resolution");
        if (resolution is null && requireResolution)
        {
            errors["Resolution"] = "Resolution is required.";
        }
        else if (resolution is { } r && !Resolutions.Contains(r))
        {
            errors["Resolution"] = "Resolution must be one of 10, 20, 40, 80, 160, 320, 640, 1280.";
        }

        CheckCommon(body, errors);
        var model = body?["Model"]?.GetValue<string>();
        if (string.IsNullOrEmpty(model))
        {
            errors["Model"] = "Model is required.";
        }

        if (errors.Count > 0 || bbox is null || date is null)
        {
            return null;
        }

        return new EmulatedRequest(date.Value, resolution ?? 10, ReadInt(body, "EpsgProjection") ?? 4326, bbox.Value, AreaKm2(bbox.Value), CountBands(body));
    }

    private async Task<(JsonNode? Body, EmulatedRequest? Request)> ReadTileAsync(HttpContext context, string kind)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = ParseTile(body, kind, errors);
        if (request is null)
        {
            await Validation(context, errors).ConfigureAwait(false);
        }

        return (body, request);
    }

    private static EmulatedRequest? ParseTile(JsonNode? body, string kind, Dictionary<string, string> errors)
    {
        var field = kind == "tile" ? "TileGuid" : "MiniTileGuid";
        if (!Guid.TryParse(body?[field]?.GetValue<string>(), out _))
        {
            errors[field] = field + " must be a GUID.";
        }

        var date = ReadDate(body, "Date", errors);
        var resolution = ReadInt(body, "Resolution");
        if (resolution is { } r && !Resolutions.Contains(r))
        {
            errors["Resolution"] = "Resolution must be one of 10, 20, 40, 80, 160, 320, 640, 1280.";
        }

        CheckCommon(body, errors);
        if (errors.Count > 0 || date is null)
        {
            return null;
        }

        var box = kind == "tile" ? new Bbox(9.0, 56.0, 10.0, 57.0) : new Bbox(9.0, 56.0, 9.1, 56.1);
        return new EmulatedRequest(date.Value, resolution ?? 10, ReadInt(body, "EpsgProjection") ?? 4326, box, AreaKm2(box), CountBands(body));
    }

    private static void CheckCommon(JsonNode? body, Dictionary<string, string> errors)
    {
        if (ReadInt(body, "EpsgProjection") is { } epsg && epsg != 47000 && epsg is < 1024 or > 32767)
        {
            errors["EpsgProjection"] = "EpsgProjection must be a valid EPSG code or 47000.";
        }

        if (body?["DataType"] is JsonNode dataType && !DataTypes.Contains(dataType.GetValue<string>(), StringComparer.Ordinal))
        {
            errors["DataType"] = "DataType must be INT16 or UINT8.";
        }
    }

    private static int CountBands(JsonNode? body)
    {
        var names = body?["Bandnames"]?.GetValue<string>()?.Trim();
        if (string.IsNullOrEmpty(names) || string.Equals(names, "all", StringComparison.OrdinalIgnoreCase))
        {
            return 4;
        }

        return string.Equals(names, "rgb", StringComparison.OrdinalIgnoreCase) ? 3 : names.Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private ClearSkyDateState StateOf(DateOnly date) => Options.Dates.TryGetValue(date, out var state) ? state : Options.DefaultDateState;

    private static Bbox? Geometry(JsonNode? body, Dictionary<string, string> errors)
    {
        var wkt = body?["Wkt"];
        var geoJson = body?["GeoJson"];
        if ((wkt is null) == (geoJson is null))
        {
            errors[wkt is null ? "Wkt" : "GeoJson"] = "Exactly one of Wkt or GeoJson must be supplied.";
            return null;
        }

        var numbers = new List<double>();
        if (wkt is not null)
        {
            foreach (var token in wkt.GetValue<string>().Split([' ', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    numbers.Add(v);
                }
            }
        }
        else
        {
            Collect(geoJson!["coordinates"], numbers);
        }

        if (numbers.Count < 6 || numbers.Count % 2 != 0)
        {
            errors[wkt is null ? "GeoJson" : "Wkt"] = "The geometry is not a valid polygon.";
            return null;
        }

        var xs = numbers.Where((_, i) => i % 2 == 0).ToArray();
        var ys = numbers.Where((_, i) => i % 2 == 1).ToArray();
        return new Bbox(xs.Min(), ys.Min(), xs.Max(), ys.Max());
    }

    private static void Collect(JsonNode? node, List<double> numbers)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Collect(item, numbers);
            }
        }
        else if (node is JsonValue value && value.TryGetValue<double>(out var d))
        {
            numbers.Add(d);
        }
    }

    private static double AreaKm2(Bbox b) =>
        (b.East - b.West) * 111.32 * Math.Cos((b.North + b.South) / 2 * Math.PI / 180) * (b.North - b.South) * 110.574;

    private static int Utm(Bbox b)
    {
        var zone = Math.Clamp((int)Math.Floor(((b.West + b.East) / 2 + 180) / 6) + 1, 1, 60);
        return ((b.North + b.South) / 2 >= 0 ? 32600 : 32700) + zone;
    }

    private static DateOnly? ReadDate(JsonNode? body, string name, Dictionary<string, string> errors)
    {
        var text = body?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            errors[name] = name + " must be an ISO 8601 date.";
            return null;
        }

        return DateOnly.FromDateTime(date.UtcDateTime);
    }

    private static int? ReadInt(JsonNode? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static bool Flag(JsonNode? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var raw = buffer.ToArray();
        context.Items[RawBodyKey] = raw;
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task Ok(HttpContext context, JsonNode data) =>
        Write(context, 200, new JsonObject { ["Succeeded"] = true, ["Error"] = null, ["Data"] = data });

    private static Task Validation(HttpContext context, Dictionary<string, string> errors)
    {
        var data = new JsonObject();
        foreach (var (key, message) in errors)
        {
            data[key] = new JsonArray(message);
        }

        if (errors.Count == 0)
        {
            data["Body"] = new JsonArray("The request body is not valid JSON.");
        }

        return Fail(context, 400, 992, "One or more validation errors occurred.", data);
    }

    private static Task Fail(HttpContext context, int status, int code, string message, JsonNode? data) =>
        Write(context, status, new JsonObject { ["Succeeded"] = false, ["Error"] = new JsonObject { ["Message"] = message, ["Code"] = code }, ["Data"] = data });

    private static async Task Write(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private readonly record struct Bbox(double West, double South, double East, double North);

    private sealed record EmulatedRequest(DateOnly Date, int Resolution, int Epsg, Bbox Bbox, double AreaKm2, int Bands);
}
