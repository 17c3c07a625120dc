using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// The downloadable assets of Catalog (STAC) search results for <see cref="SatDownloadClient"/>: every page of the
/// search (up to <see cref="MaxItems"/> items), each item's http(s) assets, and its <c>s3://</c> assets when
/// <see cref="S3Resolver"/> is set. Nothing is ordered or charged beyond the search itself.
/// </summary>
public sealed class SentinelHubCatalogImageryRequest : ImageryRequest
{
    private const string Owner = nameof(SentinelHubCatalogImageryRequest);

    /// <summary>Creates an empty request; set <see cref="Search"/>.</summary>
    public SentinelHubCatalogImageryRequest()
    {
    }

    /// <summary>Creates a request.</summary>
    /// <param name="search">The STAC search.</param>
    [SetsRequiredMembers]
    public SentinelHubCatalogImageryRequest(CatalogSearchRequest search)
    {
        Search = search;
    }

    /// <summary>The STAC search (collections and datetime are required).</summary>
    public required CatalogSearchRequest Search { get; init; }

    /// <summary>The most items to take from the search (default 100).</summary>
    public int MaxItems { get; init; } = 100;

    /// <summary>Resolves <c>s3://</c> asset hrefs (requester-pays buckets); null skips them. Not part of the fingerprint.</summary>
    public ISignedUrlResolver? S3Resolver { get; init; }

    /// <inheritdoc />
    public override string Provider => ProviderNames.SentinelHub;

    /// <inheritdoc />
    public override string Kind => "catalog";

    /// <inheritdoc />
    /// <exception cref="ImageryRequestValidationException">A field is missing or invalid; the message names it and the fix.</exception>
    public override void Validate()
    {
        base.Validate();
        if (Search is null)
        {
            throw new ImageryRequestValidationException(Owner + ".Search", "is not set; give a CatalogSearchRequest with Collections and Datetime.");
        }

        if (MaxItems is < 1 or > 100_000)
        {
            throw new ImageryRequestValidationException(Owner + ".MaxItems", "must be 1–100000.");
        }

        if (Search.Distinct is not null)
        {
            throw new ImageryRequestValidationException(Owner + ".Search.Distinct", "returns values, not items; remove it (use SentinelHubCatalogClient.SearchDistinctAsync for distinct values).");
        }

        SentinelHubCanonicalJson.Validate(Owner + ".Search", () => SentinelHubCatalogClient.Validate(Search, distinct: false));
    }

    /// <inheritdoc />
    public override string ToString() => $"sentinel-hub catalog {string.Join(',', Search?.Collections ?? [])} {Search?.Datetime}";

    /// <inheritdoc />
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        SentinelHubCanonicalJson.Write(writer, "search", Search, SentinelHubJsonContext.Default.CatalogSearchRequest);
        writer.WriteNumber("maxItems", MaxItems);
    }
}
