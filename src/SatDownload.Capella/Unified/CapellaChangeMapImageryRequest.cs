using System.Globalization;
using System.Text.Json;
using SatDownload.Capella.Models;

namespace SatDownload.Capella;

/// <summary>
/// Capella change maps for <see cref="SatDownloadClient"/> (or <see cref="CapellaClient.StartAsync(CapellaChangeMapImageryRequest, CancellationToken)"/>),
/// from one of two sources: the change-map products of a monitored AOI (<see cref="AoiId"/>, the analytics article's flow;
/// nothing is ordered or paid per call), or <c>ACD</c> granules ordered through <c>POST /orders</c> (<see cref="Granules"/>,
/// Capella's current delivery; priced by <c>POST /orders/review</c> before anything is ordered).
/// </summary>
/// <remarks>
/// Set exactly one of <see cref="AoiId"/> and <see cref="Granules"/>. The request is immutable; its fingerprint covers the
/// source, the product query, the granules, the contract and the file filter, so the download journal resumes the same
/// order (or the same AOI products) after a crash instead of ordering again.
/// </remarks>
public sealed class CapellaChangeMapImageryRequest : ImageryRequest
{
    /// <summary>The <see cref="ImageryRequest.Kind"/> of this request and of its AOI tasks.</summary>
    public const string RequestKind = "change-map";

    private const string Name = nameof(CapellaChangeMapImageryRequest);

    /// <inheritdoc />
    public override string Provider => ProviderNames.Capella;

    /// <inheritdoc />
    public override string Kind => RequestKind;

    /// <summary>
    /// The monitored AOI whose change-map products to download (<c>GET /products/{aoi_id}</c>). Which products:
    /// <see cref="Query"/>, the latest one by default.
    /// </summary>
    public string? AoiId { get; init; }

    /// <summary>
    /// Which of the AOI's products (creation range, methods, latest only); null means the latest product only. Only with
    /// <see cref="AoiId"/>.
    /// </summary>
    public CapellaProductQuery? Query { get; init; }

    /// <summary>The granules to order (for change maps, <c>ACD</c> items whose <c>changemap</c> asset is the change map).</summary>
    public IReadOnlyList<CapellaOrderItem>? Granules { get; init; }

    /// <summary>The contract to bill, when the user has several. Only with <see cref="Granules"/>.</summary>
    public string? ContractId { get; init; }

    /// <summary>
    /// Which files of each product or item (keys such as <c>a</c>, <c>b</c>, <c>a_cog</c>, <c>b_cog</c> or <c>changemap</c>,
    /// roles, media types, COG only); all downloadable files when null. Part of the fingerprint.
    /// </summary>
    public CapellaAssetFilter? Files { get; init; }

    /// <summary>True when the request reads an AOI's products; false when it orders granules.</summary>
    public bool IsAoiRequest => AoiId is not null;

    /// <summary>The product query used for <see cref="AoiId"/>: <see cref="Query"/>, or the latest product.</summary>
    internal CapellaProductQuery EffectiveQuery => Query ?? new CapellaProductQuery { LatestOnly = true };

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        var hasGranules = Granules is not null;
        if (AoiId is null && !hasGranules)
        {
            throw new ImageryRequestValidationException(
                Name + ".AoiId",
                "is not set; set AoiId to download a monitored AOI's change maps, or Granules to order ACD granules.");
        }

        if (AoiId is not null && hasGranules)
        {
            throw new ImageryRequestValidationException(
                Name + ".Granules",
                "is set together with AoiId; use one source per request: AoiId (a monitored AOI's change maps) or Granules (an order).");
        }

        if (AoiId is not null)
        {
            Wrap(Name + ".AoiId", () => CapellaValidation.Id(AoiId, nameof(AoiId), "AOI id"));
            if (ContractId is not null)
            {
                throw new ImageryRequestValidationException(Name + ".ContractId", "only applies to Granules (orders); remove it for an AOI request.");
            }

            Wrap(Name + ".Query", () => Query?.Validate());
        }
        else
        {
            if (Query is not null)
            {
                throw new ImageryRequestValidationException(Name + ".Query", "only applies to AoiId; remove it when ordering Granules.");
            }

            Wrap(Name + ".Granules", () => CapellaValidation.OrderItems(Granules, nameof(Granules)));
            if (ContractId is not null && string.IsNullOrWhiteSpace(ContractId))
            {
                throw new ImageryRequestValidationException(Name + ".ContractId", "is blank; set the contract id or leave it null for the default contract.");
            }
        }

        Wrap(Name + ".Files", () => Files?.Validate());
    }

    /// <inheritdoc />
    public override string ToString() =>
        AoiId is not null ? $"capella change maps of AOI {AoiId}" : $"capella order of {Granules?.Count ?? 0} granule(s)";

    /// <inheritdoc />
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (AoiId is not null)
        {
            writer.WriteString("source", "aoi");
            writer.WriteString("aoi_id", AoiId);
            var query = EffectiveQuery;
            WriteDate(writer, "created_from", query.CreatedFrom);
            WriteDate(writer, "created_to", query.CreatedTo);
            WriteSet(writer, "methods", query.Methods, lowerCase: true);
            writer.WriteBoolean("latest_only", query.LatestOnly);
        }
        else
        {
            writer.WriteString("source", "order");
            WriteSet(writer, "granules", Granules?.Select(g => g.CollectionId + "/" + g.GranuleId).ToList(), lowerCase: false);
            if (ContractId is not null)
            {
                writer.WriteString("contract_id", ContractId);
            }
        }

        if (Files is { } files)
        {
            writer.WriteStartObject("files");
            WriteSet(writer, "keys", files.Keys, lowerCase: true);
            WriteSet(writer, "exclude_keys", files.ExcludeKeys, lowerCase: true);
            WriteSet(writer, "roles", files.Roles, lowerCase: true);
            WriteSet(writer, "media_types", files.MediaTypes, lowerCase: true);
            if (files.CloudOptimized is { } cog)
            {
                writer.WriteBoolean("cloud_optimized", cog);
            }

            writer.WriteEndObject();
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }
    }

    private static void WriteSet(Utf8JsonWriter writer, string name, IEnumerable<string>? values, bool lowerCase)
    {
        if (values is null)
        {
            return;
        }

        // Sets: order and (where matching is case-insensitive) case do not change what is selected.
        var normalised = values.Select(v => lowerCase ? v.Trim().ToLowerInvariant() : v.Trim())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(v => v, StringComparer.Ordinal);
        writer.WriteStartArray(name);
        foreach (var value in normalised)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void Wrap(string field, Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException ex)
        {
            throw new ImageryRequestValidationException(field, "is invalid: " + ex.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
