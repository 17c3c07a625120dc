using System.Text;
using SatDownload.Capella.Models;

namespace SatDownload.Capella.Tests.Unified;

/// <summary>The request's fingerprint: what the journal uses to recognise "the same request" in a later run.</summary>
public class ChangeMapRequestTests
{
    private static readonly CapellaOrderItem A = new("capella-archive", "granule-a");
    private static readonly CapellaOrderItem B = new("capella-archive", "granule-b");

    [Fact]
    public void Same_fields_give_the_same_fingerprint_whatever_the_set_order_or_case()
    {
        var one = new CapellaChangeMapImageryRequest { Granules = [A, B], Files = new CapellaAssetFilter { Keys = ["changemap", "HH"] } };
        var two = new CapellaChangeMapImageryRequest { Granules = [B, A], Files = new CapellaAssetFilter { Keys = ["hh", "CHANGEMAP"] } };

        Assert.Equal(one.GetFingerprint(), two.GetFingerprint());
        Assert.Matches("^[0-9a-f]{64}$", one.GetFingerprint());
        Assert.Equal("change-map", one.Kind);
        Assert.Equal(ProviderNames.Capella, one.Provider);
    }

    [Fact]
    public void Canonical_form_names_the_source_and_every_field_that_changes_what_is_ordered()
    {
        var order = new CapellaChangeMapImageryRequest { Granules = [B, A], ContractId = "contract-1", Files = new CapellaAssetFilter { CloudOptimized = true } };
        var aoi = new CapellaChangeMapImageryRequest
        {
            AoiId = "aoi-1",
            Query = new CapellaProductQuery { CreatedFrom = new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.FromHours(1)), Methods = ["COV", "cov"] },
        };

        Assert.Equal(
            """{"fields":{"contract_id":"contract-1","files":{"cloud_optimized":true},"granules":["capella-archive/granule-a","capella-archive/granule-b"],"source":"order"},"kind":"change-map","provider":"capella","v":1}""",
            Encoding.UTF8.GetString(order.GetCanonicalJson()));
        Assert.Equal(
            """{"fields":{"aoi_id":"aoi-1","created_from":"2024-01-01T00:00:00.0000000Z","latest_only":false,"methods":["cov"],"source":"aoi"},"kind":"change-map","provider":"capella","v":1}""",
            Encoding.UTF8.GetString(aoi.GetCanonicalJson()));
    }

    [Fact]
    public void A_changed_field_changes_the_fingerprint_but_the_download_filter_does_not()
    {
        var baseline = new CapellaChangeMapImageryRequest { AoiId = "aoi-1" }.GetFingerprint();

        Assert.NotEqual(baseline, new CapellaChangeMapImageryRequest { AoiId = "aoi-2" }.GetFingerprint());
        Assert.NotEqual(baseline, new CapellaChangeMapImageryRequest { AoiId = "aoi-1", Query = new CapellaProductQuery() }.GetFingerprint());
        Assert.NotEqual(baseline, new CapellaChangeMapImageryRequest { AoiId = "aoi-1", Files = CapellaAssetFilter.CloudOptimizedOnly }.GetFingerprint());
        Assert.NotEqual(
            new CapellaChangeMapImageryRequest { Granules = [A] }.GetFingerprint(),
            new CapellaChangeMapImageryRequest { Granules = [A], ContractId = "contract-1" }.GetFingerprint());

        // The default query is "latest only": spelling it out is the same request.
        Assert.Equal(baseline, new CapellaChangeMapImageryRequest { AoiId = "aoi-1", Query = new CapellaProductQuery { LatestOnly = true } }.GetFingerprint());
        Assert.Equal(baseline, new CapellaChangeMapImageryRequest { AoiId = "aoi-1", AssetFilter = new AssetFilter { AssetKeys = ["a"] } }.GetFingerprint());
    }

    [Fact]
    public void ToString_names_the_source_without_secrets()
    {
        Assert.Equal("capella change maps of AOI aoi-1", new CapellaChangeMapImageryRequest { AoiId = "aoi-1" }.ToString());
        Assert.Equal("capella order of 2 granule(s)", new CapellaChangeMapImageryRequest { Granules = [A, B] }.ToString());
    }
}
