using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// A Batch Process v2 job for <see cref="SatDownloadClient"/>: the PU estimate (minimum 100 PU) is checked against the
/// budget, the task is created and started, polled to DONE, and its outputs (listed from the output path template,
/// see <see cref="SentinelHubBatchOutputOptions"/>) are downloaded through <see cref="Outputs"/>' resolver.
/// </summary>
/// <remarks>
/// Outputs live in your bucket: set <see cref="Outputs"/> with a <see cref="SentinelHubBatchOutputOptions.Resolver"/>
/// that presigns <c>s3://</c> URLs (an AWS SDK presigner in a <see cref="DelegateSignedUrlResolver"/>). Bucket credentials
/// in the request are not part of the fingerprint.
/// </remarks>
public sealed class SentinelHubBatchImageryRequest : ImageryRequest
{
    private const string Owner = nameof(SentinelHubBatchImageryRequest);

    /// <summary>Creates an empty request; set <see cref="Request"/> and <see cref="Outputs"/>.</summary>
    public SentinelHubBatchImageryRequest()
    {
    }

    /// <summary>Creates a request.</summary>
    /// <param name="request">The Batch v2 request.</param>
    /// <param name="outputs">How outputs are resolved (an S3 presigner) and where tile names come from.</param>
    [SetsRequiredMembers]
    public SentinelHubBatchImageryRequest(BatchProcessRequest request, SentinelHubBatchOutputOptions outputs)
    {
        Request = request;
        Outputs = outputs;
    }

    /// <summary>The Batch v2 request as sent to the API.</summary>
    public required BatchProcessRequest Request { get; init; }

    /// <summary>How outputs are listed and resolved; not part of the fingerprint.</summary>
    public required SentinelHubBatchOutputOptions Outputs { get; init; }

    /// <inheritdoc />
    public override string Provider => ProviderNames.SentinelHub;

    /// <inheritdoc />
    public override string Kind => "batch";

    /// <inheritdoc />
    /// <exception cref="ImageryRequestValidationException">A field is missing or invalid; the message names it and the fix.</exception>
    public override void Validate()
    {
        base.Validate();
        if (Request is null)
        {
            throw new ImageryRequestValidationException(Owner + ".Request", "is not set; give the BatchProcessRequest (processRequest, tiling-grid or geopackage input, raster output).");
        }

        if (Outputs is null)
        {
            throw new ImageryRequestValidationException(Owner + ".Outputs", "is not set; give SentinelHubBatchOutputOptions with a Resolver that presigns s3:// URLs of your bucket.");
        }

        if (Outputs.Resolver is null && Outputs.ListFromBucket is null)
        {
            throw new ImageryRequestValidationException(Owner + ".Outputs.Resolver", "is null; outputs are written to your bucket, so a resolver that presigns s3:// URLs is needed to download them.");
        }

        if (Request.Output?.Type == BatchProcessOutput.ZarrType)
        {
            throw new ImageryRequestValidationException(Owner + ".Request.Output.Type", "is zarr: a Zarr store is not a set of files to download; use SentinelHubBatchClient directly and open the store with a Zarr reader.");
        }

        SentinelHubCanonicalJson.Validate(Owner + ".Request", () => SentinelHubBatchClient.Validate(Request));
    }

    /// <inheritdoc />
    public override string ToString() => $"sentinel-hub batch {Request?.Description}";

    /// <inheritdoc />
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        SentinelHubCanonicalJson.Write(writer, "request", Request, SentinelHubJsonContext.Default.BatchProcessRequest);
    }
}
