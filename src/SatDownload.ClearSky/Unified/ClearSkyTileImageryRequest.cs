using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using SatDownload.ClearSky.Validation;

namespace SatDownload.ClearSky.Unified;

/// <summary>
/// A ClearSKY tile by GUID for <see cref="SatDownloadClient"/> (or <see cref="ClearSkyClient.DownloadAsync(ClearSkyTileImageryRequest, string, ClearSkyDownloadOptions?, IProgress{DownloadProgress}?, CancellationToken)"/>):
/// the GeoTIFF produced by <c>POST /api/satelliteimages/process/tile</c>, streamed to disk.
/// </summary>
/// <remarks>
/// ClearSKY publishes no availability or cost endpoint for tiles, so no estimate is made (a
/// <see cref="DownloadBudget.MaxCost"/> cannot be checked in advance; see <see cref="SatDownloadClientOptions.RequireCostEstimate"/>).
/// The journal records the tile as a finished task whose id comes from the fingerprint; a re-run finds the finished
/// file and sends nothing that costs.
/// </remarks>
public sealed class ClearSkyTileImageryRequest : ImageryRequest
{
    private const string Owner = nameof(ClearSkyTileImageryRequest);

    /// <summary>Creates an empty request; set <see cref="Request"/>.</summary>
    public ClearSkyTileImageryRequest()
    {
    }

    /// <summary>Creates a request for one tile.</summary>
    /// <param name="request">The tile (<c>TileGuid</c>, date, model, constellations…), without <c>UploadUrl</c>.</param>
    [SetsRequiredMembers]
    public ClearSkyTileImageryRequest(ClearSkyTileRequest request)
    {
        Request = request;
    }

    /// <summary>The tile to produce, with <see cref="ClearSkyTileRequest.TileGuid"/> set, exactly as <see cref="ClearSkyClient.DownloadTileAsync"/> takes it (no <c>UploadUrl</c>).</summary>
    public required ClearSkyTileRequest Request { get; init; }

    /// <inheritdoc />
    public override string Provider => ProviderNames.ClearSky;

    /// <inheritdoc />
    public override string Kind => "tile";

    /// <inheritdoc />
    /// <exception cref="ImageryRequestValidationException">A field is missing or invalid; the message names it and the fix.</exception>
    public override void Validate()
    {
        base.Validate();
        if (Request is null)
        {
            throw new ImageryRequestValidationException(Owner + ".Request", "is not set; give the ClearSkyTileRequest with TileGuid, Date, Model and SatelliteConstellations.");
        }

        ClearSkyCanonicalFields.Validate(Owner, () => ClearSkyRequestValidator.ValidateTile(Request, mini: false));
        ClearSkyCanonicalFields.RejectUploadUrl(Owner, Request.UploadUrl);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"clearsky tile {Request?.TileGuid} {Request?.Date:yyyy-MM-dd} {Request?.Model}");

    /// <inheritdoc />
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("tileGuid", Request.TileGuid?.ToString("D"));
        ClearSkyCanonicalFields.WriteTile(writer, Request);
    }
}
