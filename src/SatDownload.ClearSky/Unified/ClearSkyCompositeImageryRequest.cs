using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SatDownload.ClearSky.Validation;

namespace SatDownload.ClearSky.Unified;

/// <summary>
/// A ClearSKY composite for <see cref="SatDownloadClient"/> (or <see cref="ClearSkyClient.DownloadAsync(ClearSkyCompositeImageryRequest, string, ClearSkyDownloadOptions?, IProgress{DownloadProgress}?, CancellationToken)"/>):
/// availability check and cost estimate first (both free), the budget check, then the GeoTIFF produced by
/// <c>POST /api/satelliteimages/process/composite</c> and streamed to disk.
/// </summary>
/// <remarks>
/// ClearSKY is synchronous: there is no order to wait for, and the download request itself is what is charged. The
/// journal therefore records the composite as a finished task whose id comes from the request's fingerprint; a re-run
/// finds the finished file and sends nothing that costs.
/// </remarks>
/// <example>
/// <code>
/// var request = new ClearSkyCompositeImageryRequest(new ClearSkyCompositeRequest
/// {
///     Aoi = Aoi.FromBoundingBox(9.88, 56.28, 10.20, 56.48),
///     Date = new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero),
///     Resolution = 10,
///     Model = ClearSkyModels.Stratus2,
///     SatelliteConstellations = ["Sentinel1", "Sentinel2", "Landsat89"],
/// });
/// var result = await satDownloadClient.DownloadAsync(request, "downloads");
/// </code>
/// </example>
public sealed class ClearSkyCompositeImageryRequest : ImageryRequest
{
    private const string Owner = nameof(ClearSkyCompositeImageryRequest);

    /// <summary>Creates an empty request; set <see cref="Request"/>.</summary>
    public ClearSkyCompositeImageryRequest()
    {
    }

    /// <summary>Creates a request for one composite.</summary>
    /// <param name="request">The composite (geometry, date, resolution, model, constellations…), without <c>UploadUrl</c>.</param>
    [SetsRequiredMembers]
    public ClearSkyCompositeImageryRequest(ClearSkyCompositeRequest request)
    {
        Request = request;
    }

    /// <summary>The composite to produce, exactly as <see cref="ClearSkyClient.DownloadCompositeAsync"/> takes it (no <c>UploadUrl</c>).</summary>
    public required ClearSkyCompositeRequest Request { get; init; }

    /// <summary>
    /// A time series: one composite per date, each with <see cref="Request"/>'s other settings (same AOI, resolution,
    /// model…), checked, estimated (the estimate is their sum) and downloaded as one request. Null (the default) for the
    /// single composite of <see cref="Request"/>'s <c>Date</c>; when set, <c>Request.Date</c> must be unset or one of them.
    /// </summary>
    public IReadOnlyList<DateTimeOffset>? Dates { get; init; }

    /// <summary>The composites' dates: <see cref="Dates"/>, or <c>Request.Date</c> alone; sorted and distinct.</summary>
    public IReadOnlyList<DateTimeOffset> EffectiveDates =>
        Dates is { Count: > 0 } dates ? dates.Select(d => d.ToUniversalTime()).Distinct().Order().ToArray() : [Request.Date];

    /// <summary>The most dates one request may hold (a year of daily composites).</summary>
    public const int MaxDates = 366;

    /// <summary>
    /// Refuse, before anything that costs, when <c>/composite/available</c> says the composite cannot be produced as
    /// requested (default true). Not part of the fingerprint: it changes whether the request is sent, not what it produces.
    /// </summary>
    public bool RequireAvailability { get; init; } = true;

    /// <inheritdoc />
    public override string Provider => ProviderNames.ClearSky;

    /// <inheritdoc />
    public override string Kind => "composite";

    /// <inheritdoc />
    /// <exception cref="ImageryRequestValidationException">A field is missing or invalid; the message names it and the fix.</exception>
    /// <exception cref="AoiValidationException">The geometry is not a valid AOI.</exception>
    public override void Validate()
    {
        base.Validate();
        if (Request is null)
        {
            throw new ImageryRequestValidationException(Owner + ".Request", "is not set; give the ClearSkyCompositeRequest to produce (geometry, Date, Resolution, Model, SatelliteConstellations).");
        }

        if (Dates is not null)
        {
            if (Dates.Count is 0 or > MaxDates)
            {
                throw new ImageryRequestValidationException(Owner + ".Dates", $"has {Dates.Count} dates; give 1 to {MaxDates}, or leave it null for Request.Date alone.");
            }

            if (Dates.Select(d => d.ToUniversalTime()).Distinct().Count() != Dates.Count)
            {
                throw new ImageryRequestValidationException(Owner + ".Dates", "lists a date twice; list each composite date once.");
            }

            if (Request.Date != default && !Dates.Any(d => d.ToUniversalTime() == Request.Date.ToUniversalTime()))
            {
                throw new ImageryRequestValidationException(Owner + ".Request.Date", $"({Request.Date:yyyy-MM-dd}) is not one of Dates; leave Request.Date unset when Dates is given, or include it.");
            }

            foreach (var date in Dates)
            {
                ClearSkyCanonicalFields.Validate(Owner, () => ClearSkyRequestValidator.ValidateComposite(Request with { Date = date }));
            }
        }
        else
        {
            ClearSkyCanonicalFields.Validate(Owner, () => ClearSkyRequestValidator.ValidateComposite(Request));
        }

        ClearSkyCanonicalFields.RejectUploadUrl(Owner, Request.UploadUrl);
        _ = ResolveAoi(Request);
    }

    /// <summary>The wire request of each composite, one per <see cref="EffectiveDates"/> entry.</summary>
    internal IEnumerable<ClearSkyCompositeRequest> Composites() => EffectiveDates.Select(d => Request with { Date = d });

    /// <inheritdoc />
    public override string ToString() => Dates is { Count: > 1 }
        ? $"clearsky composite series of {Dates.Count} dates {Dates.Min():yyyy-MM-dd}..{Dates.Max():yyyy-MM-dd} {Request?.Model} {Request?.Resolution}m"
        : $"clearsky composite {Request?.Date:yyyy-MM-dd} {Request?.Model} {Request?.Resolution}m";

    /// <summary>The request's geometry as an <see cref="Aoi"/>, whichever way it was given.</summary>
    internal static Aoi ResolveAoi(ClearSkyCompositeRequest request) =>
        request.Aoi ?? (request.Wkt is { } wkt ? Aoi.FromWkt(wkt) : Aoi.FromGeoJson(request.GeoJson!.Value.GetRawText()));

    /// <inheritdoc />
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var r = Request;

        // One normalised form for Aoi, Wkt and GeoJson: the same polygon is the same composite however it was given.
        writer.WriteString("geometry", ResolveAoi(r).ToWkt());
        writer.WriteStartArray("dates");
        foreach (var date in EffectiveDates)
        {
            writer.WriteStringValue(date.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndArray();
        ClearSkyCanonicalFields.Write(writer, "resolution", r.Resolution);
        ClearSkyCanonicalFields.Write(writer, "epsgProjection", r.EpsgProjection);
        ClearSkyCanonicalFields.Write(writer, "model", r.Model);
        ClearSkyCanonicalFields.WriteConstellations(writer, r.SatelliteConstellations);
        ClearSkyCanonicalFields.Write(writer, "bandnames", r.Bandnames?.Trim());
        ClearSkyCanonicalFields.Write(writer, "fileType", r.FileType);
        ClearSkyCanonicalFields.Write(writer, "pixelSelectionMode", r.PixelSelectionMode);
        ClearSkyCanonicalFields.Write(writer, "dataType", r.DataType);
        ClearSkyCanonicalFields.Write(writer, "utmDataSelectionMode", r.UtmDataSelectionMode);
        ClearSkyCanonicalFields.Write(writer, "utmGridForcePixelResolutionSize", r.UtmGridForcePixelResolutionSize);
        ClearSkyCanonicalFields.Write(writer, "allowPartialImage", r.AllowPartialImage);
        ClearSkyCanonicalFields.Write(writer, "automaticOrderCreation", r.AutomaticOrderCreation);
        ClearSkyCanonicalFields.Write(writer, "oldPixelSelectionMode", r.OldPixelSelectionMode);
        ClearSkyCanonicalFields.WriteAdditional(writer, r.AdditionalProperties);
    }
}
