using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Validation;

namespace SatDownload.Eos.Unified;

/// <summary>
/// An EOS load-by-extent (<c>lbe</c>) request for <see cref="SatDownloadClient"/>: the bands of one scene cropped to one
/// polygon, downloaded as one file (jp2, GeoTIFF or zip by EOS's documented rule). The same request also works without
/// the unified client through <see cref="EosClient.StartAsync(EosLoadByExtentImageryRequest, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// One request is one EOS task, so the geometry must be one Polygon: a MultiPolygon of several parts is rejected by
/// <see cref="Validate"/> (send one request per part, or use <see cref="EosClient.CreateLoadByExtentTasksAsync"/>).
/// EOS has no price or quote call, so no cost is estimated; a byte or file budget still applies to the download.
/// </remarks>
public sealed class EosLoadByExtentImageryRequest : ImageryRequest
{
    /// <summary>The stable <see cref="Kind"/> of this request (part of the fingerprint).</summary>
    public const string RequestKind = "load-by-extent";

    /// <summary>Creates an empty request; set <see cref="LoadByExtent"/>.</summary>
    public EosLoadByExtentImageryRequest()
    {
    }

    /// <summary>Wraps the adapter's own request.</summary>
    /// <param name="loadByExtent">The load-by-extent request.</param>
    [SetsRequiredMembers]
    public EosLoadByExtentImageryRequest(EosLoadByExtentRequest loadByExtent)
    {
        LoadByExtent = loadByExtent;
    }

    /// <summary>Creates a request from the few fields most callers need.</summary>
    /// <param name="viewId">The scene's view id from the Search API, for example <c>S2/13/R/EL/2023/7/19/0</c>.</param>
    /// <param name="bands">The bands, for example <c>["B04","B08"]</c>.</param>
    /// <param name="aoi">The polygon to crop to.</param>
    [SetsRequiredMembers]
    public EosLoadByExtentImageryRequest(string viewId, IReadOnlyList<string> bands, Aoi aoi)
        : this(new EosLoadByExtentRequest { ViewId = viewId, Bands = bands, Aoi = aoi })
    {
    }

    /// <summary>The load-by-extent request (view id, bands, AOI, merge, metadata, reference, callback URL).</summary>
    public required EosLoadByExtentRequest LoadByExtent { get; init; }

    /// <inheritdoc />
    public override string Provider => ProviderNames.Eos;

    /// <inheritdoc />
    public override string Kind => RequestKind;

    /// <summary>
    /// Checks the request without any network call: view id, unique non-empty bands and metadata, one Polygon of lon/lat
    /// coordinates that does not cross the antimeridian, reference and callback URL.
    /// </summary>
    /// <exception cref="ImageryRequestValidationException">A field is invalid; <see cref="ImageryRequestValidationException.Field"/> names it.</exception>
    public override void Validate()
    {
        base.Validate();
        if (LoadByExtent is null)
        {
            throw new ImageryRequestValidationException($"{nameof(EosLoadByExtentImageryRequest)}.{nameof(LoadByExtent)}", "is null; set it to an EosLoadByExtentRequest (view id, bands, AOI).");
        }

        IReadOnlyList<NetTopologySuite.Geometries.Polygon> polygons;
        try
        {
            polygons = EosRequestValidator.ValidateLoadByExtent(LoadByExtent);
        }
        catch (ArgumentException ex)
        {
            throw ToValidationException(ex.Message);
        }

        if (polygons.Count > 1)
        {
            throw new ImageryRequestValidationException(
                "EosLoadByExtentRequest.Aoi",
                $"has {polygons.Count} polygons, but one EosLoadByExtentImageryRequest is one EOS task of one Polygon: send one request per polygon, or use EosClient.CreateLoadByExtentTasksAsync.");
        }
    }

    /// <summary>The task information the request implies (for rehydrating its task with file names and the type prediction).</summary>
    /// <returns>The information; the reference and creation time are unknown here.</returns>
    public EosLoadByExtentTaskInfo ToTaskInfo() => new()
    {
        ViewId = LoadByExtent.ViewId?.Trim(),
        Bands = LoadByExtent.Bands.Select(b => b.Trim()).ToArray(),
        Merge = LoadByExtent.Merge,
        Metadata = LoadByExtent.Metadata?.Select(m => m.Trim()).ToArray(),
        Reference = LoadByExtent.Reference,
        CallbackUrl = LoadByExtent.CallbackUrl,
    };

    /// <inheritdoc />
    public override string ToString() => $"eos load-by-extent {LoadByExtent?.ViewId} [{string.Join(",", LoadByExtent?.Bands ?? [])}]";

    /// <summary>
    /// Writes what changes the file EOS produces: the task type, view id, bands (in order: it is the band order of the
    /// file), merge, metadata files (sorted: a set) and the polygon. The reference and the callback URL do not change the
    /// file and are left out, so a re-run with a new reference resumes the same task.
    /// </summary>
    /// <param name="writer">The writer.</param>
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("type", EosLoadByExtentTask.TaskKind);
        writer.WriteString("view_id", LoadByExtent.ViewId.Trim());
        writer.WriteStartArray("bands");
        foreach (var band in LoadByExtent.Bands)
        {
            writer.WriteStringValue(band.Trim());
        }

        writer.WriteEndArray();
        if (LoadByExtent.Merge is { } merge)
        {
            writer.WriteBoolean("merge", merge);
        }
        else
        {
            writer.WriteNull("merge");
        }

        writer.WriteStartArray("metadata");
        foreach (var file in (LoadByExtent.Metadata ?? []).Select(m => m.Trim()).Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(file);
        }

        writer.WriteEndArray();
        writer.WriteString("geometry", LoadByExtent.Aoi.ToWkt());
    }

    private static ImageryRequestValidationException ToValidationException(string message)
    {
        // The validator's messages start with the field ("EosLoadByExtentRequest.Bands lists 'B04' more than once...").
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && message.StartsWith("EosLoadByExtentRequest.", StringComparison.Ordinal))
        {
            var field = message[..space];
            var bracket = field.IndexOf('[', StringComparison.Ordinal);
            return new ImageryRequestValidationException(bracket > 0 ? field[..bracket] : field, message[(space + 1)..]);
        }

        return new ImageryRequestValidationException(message);
    }
}
