using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using SatDownload.ClearSky.Validation;

namespace SatDownload.ClearSky.Unified;

/// <summary>
/// A ClearSKY minitile by GUID for <see cref="SatDownloadClient"/> (or <see cref="ClearSkyClient.DownloadAsync(ClearSkyMinitileImageryRequest, string, ClearSkyDownloadOptions?, IProgress{DownloadProgress}?, CancellationToken)"/>):
/// the GeoTIFF produced by <c>POST /api/satelliteimages/process/minitile</c>, streamed to disk.
/// </summary>
/// <remarks>
/// ClearSKY publishes no availability or cost endpoint for minitiles, so no estimate is made (a
/// <see cref="DownloadBudget.MaxCost"/> cannot be checked in advance; see <see cref="SatDownloadClientOptions.RequireCostEstimate"/>).
/// The journal records the minitile as a finished task whose id comes from the fingerprint; a re-run finds the finished
/// file and sends nothing that costs.
/// </remarks>
public sealed class ClearSkyMinitileImageryRequest : ImageryRequest
{
    private const string Owner = nameof(ClearSkyMinitileImageryRequest);

    /// <summary>Creates an empty request; set <see cref="Request"/>.</summary>
    public ClearSkyMinitileImageryRequest()
    {
    }

    /// <summary>Creates a request for one minitile.</summary>
    /// <param name="request">The minitile (<c>MiniTileGuid</c>, date, model, constellations…), without <c>UploadUrl</c>.</param>
    [SetsRequiredMembers]
    public ClearSkyMinitileImageryRequest(ClearSkyTileRequest request)
    {
        Request = request;
    }

    /// <summary>The minitile to produce, with <see cref="ClearSkyTileRequest.MiniTileGuid"/> set, exactly as <see cref="ClearSkyClient.DownloadMiniTileAsync"/> takes it (no <c>UploadUrl</c>).</summary>
    public required ClearSkyTileRequest Request { get; init; }

    /// <inheritdoc />
    public override string Provider => ProviderNames.ClearSky;

    /// <inheritdoc />
    public override string Kind => "minitile";

    /// <inheritdoc />
    /// <exception cref="ImageryRequestValidationException">A field is missing or invalid; the message names it and the fix.</exception>
    public override void Validate()
    {
        base.Validate();
        if (Request is null)
        {
            throw new ImageryRequestValidationException(Owner + ".Request", "is not set; give the ClearSkyTileRequest with MiniTileGuid, Date, Model and SatelliteConstellations.");
        }

        ClearSkyCanonicalFields.Validate(Owner, () => ClearSkyRequestValidator.ValidateTile(Request, mini: true));
        ClearSkyCanonicalFields.RejectUploadUrl(Owner, Request.UploadUrl);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"clearsky minitile {Request?.MiniTileGuid} {Request?.Date:yyyy-MM-dd} {Request?.Model}");

    /// <inheritdoc />
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("miniTileGuid", Request.MiniTileGuid?.ToString("D"));
        ClearSkyCanonicalFields.WriteTile(writer, Request);
    }
}
