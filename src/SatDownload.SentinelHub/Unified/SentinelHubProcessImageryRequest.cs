using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// A Sentinel Hub Process API rendering for <see cref="SatDownloadClient"/>: the PU estimate is checked against the budget
/// first, then each output file is produced by its own <c>POST api/v1/process</c> as it is downloaded. Outputs larger
/// than <see cref="MaxTilePixels"/> are split into a grid of requests, one file per tile (asset properties <c>tile</c>,
/// <c>bbox</c>, <c>crs</c>, <c>width</c>, <c>height</c> say where each goes in a mosaic).
/// </summary>
/// <remarks>
/// Process is synchronous: there is nothing to wait for, and the download request is what is charged. The task id comes
/// from the request's fingerprint, so a re-run finds the finished files in the journal and sends (and pays) nothing.
/// Several responses come back as one tar per tile (<c>responses.tar</c>); unpack it with <see cref="TarResponseExtractor"/>,
/// or use <see cref="SentinelHubProcessClient.ProcessAsync"/> which unpacks for you.
/// </remarks>
public sealed class SentinelHubProcessImageryRequest : ImageryRequest
{
    private const string Owner = nameof(SentinelHubProcessImageryRequest);

    /// <summary>Creates an empty request; set <see cref="Request"/>.</summary>
    public SentinelHubProcessImageryRequest()
    {
    }

    /// <summary>Creates a request.</summary>
    /// <param name="request">The Process request (e.g. from <see cref="ProcessRequestBuilder"/>).</param>
    [SetsRequiredMembers]
    public SentinelHubProcessImageryRequest(ProcessRequest request)
    {
        Request = request;
    }

    /// <summary>The Process request as sent to the API.</summary>
    public required ProcessRequest Request { get; init; }

    /// <summary>The largest width/height of one sub-request when the output is split (1–2500, default 2500).</summary>
    public int MaxTilePixels { get; init; } = SentinelHubClientOptions.ProcessMaxPixels;

    /// <summary>Samples per pixel for the PU estimate (ORBIT/TILE mosaicking with several scenes); null assumes one.</summary>
    public int? Samples { get; init; }

    /// <inheritdoc />
    public override string Provider => ProviderNames.SentinelHub;

    /// <inheritdoc />
    public override string Kind => "process";

    internal ProcessOptions ToOptions() => new() { MaxTilePixels = MaxTilePixels, Samples = Samples, SplitLargeAreas = true };

    /// <inheritdoc />
    /// <exception cref="ImageryRequestValidationException">A field is missing or invalid; the message names it and the fix.</exception>
    public override void Validate()
    {
        base.Validate();
        if (Request is null)
        {
            throw new ImageryRequestValidationException(Owner + ".Request", "is not set; give the ProcessRequest to render (ProcessRequestBuilder builds one from an Aoi).");
        }

        if (MaxTilePixels is < 1 or > SentinelHubClientOptions.ProcessMaxPixels)
        {
            throw new ImageryRequestValidationException(Owner + ".MaxTilePixels", "must be 1–2500 (the Process API's limit per side).");
        }

        if (Samples is < 1)
        {
            throw new ImageryRequestValidationException(Owner + ".Samples", "must be at least 1, or null.");
        }

        SentinelHubCanonicalJson.Validate(Owner + ".Request", () => ProcessRequestValidator.Validate(Request, maxPixels: null));
    }

    /// <inheritdoc />
    public override string ToString() => $"sentinel-hub process {Request?.Input?.Data?.FirstOrDefault()?.Type}";

    /// <inheritdoc />
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        SentinelHubCanonicalJson.Write(writer, "request", Request, SentinelHubJsonContext.Default.ProcessRequest);
        writer.WriteNumber("maxTilePixels", MaxTilePixels);
    }
}
