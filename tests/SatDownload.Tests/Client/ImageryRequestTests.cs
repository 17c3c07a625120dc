using System.Text;
using System.Text.Json;

namespace SatDownload.Tests.Client;

/// <summary>Request fingerprints: stable for equal requests, different for changed ones, independent of key order.</summary>
public class ImageryRequestTests
{
    [Fact]
    public void Same_fields_give_the_same_fingerprint_across_instances()
    {
        var a = new FakeSatRequest { Scene = "S7", Bands = ["nir", "red"], ResolutionMeters = 0.3 };
        var b = new FakeSatRequest { Scene = "S7", Bands = ["red", "nir"], ResolutionMeters = 0.3 };

        Assert.Equal(a.GetFingerprint(), a.GetFingerprint());
        Assert.Equal(a.GetFingerprint(), b.GetFingerprint());
        Assert.Matches("^[0-9a-f]{64}$", a.GetFingerprint());
    }

    [Fact]
    public void Canonical_form_is_sorted_compact_and_pinned()
    {
        var request = new FakeSatRequest { Scene = "S1", Bands = ["blue"], ResolutionMeters = 0.5, AcquiredAfter = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) };

        var json = Encoding.UTF8.GetString(request.GetCanonicalJson());

        // Pinned: a change here changes every fingerprint in users' journals, so it must be deliberate.
        Assert.Equal(
            "{\"fields\":{\"acquiredAfter\":\"2026-03-01T00:00:00.0000000Z\",\"bands\":[\"blue\"],\"resolutionMeters\":0.5,\"scene\":\"S1\"},\"kind\":\"scene-order\",\"provider\":\"fakesat\",\"v\":1}",
            json);
        Assert.Equal(FlowHarness.Sha256(Encoding.UTF8.GetBytes(json)), request.GetFingerprint());
    }

    [Theory]
    [InlineData("scene")]
    [InlineData("bands")]
    [InlineData("resolution")]
    [InlineData("date")]
    public void A_changed_field_gives_another_fingerprint(string field)
    {
        var baseline = new FakeSatRequest();
        var changed = field switch
        {
            "scene" => new FakeSatRequest { Scene = "S2" },
            "bands" => new FakeSatRequest { Bands = ["red", "green"] },
            "resolution" => new FakeSatRequest { ResolutionMeters = 0.50001 },
            _ => new FakeSatRequest { AcquiredAfter = DateTimeOffset.UnixEpoch },
        };

        Assert.NotEqual(baseline.GetFingerprint(), changed.GetFingerprint());
    }

    [Fact]
    public void The_asset_filter_is_not_part_of_the_fingerprint()
    {
        var all = new FakeSatRequest();
        var filtered = new FakeSatRequest { AssetFilter = new AssetFilter { AssetKeys = ["visual"], Predicate = _ => true } };

        Assert.Equal(all.GetFingerprint(), filtered.GetFingerprint());
    }

    [Fact]
    public void The_provider_and_kind_are_part_of_the_fingerprint()
    {
        Assert.NotEqual(new FakeSatRequest().GetFingerprint(), new OtherKindRequest().GetFingerprint());
    }

    [Fact]
    public void A_key_written_twice_is_a_bug_reported_clearly()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new DuplicateKeyRequest().GetFingerprint());

        Assert.Contains("DuplicateKeyRequest.WriteCanonicalFields wrote the key 'a' twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blank_filter_values_are_refused_naming_the_field()
    {
        var request = new FakeSatRequest { AssetFilter = new AssetFilter { Roles = ["data", " "] } };

        var ex = Assert.Throws<ImageryRequestValidationException>(request.Validate);

        Assert.Equal("AssetFilter.Roles", ex.Field);
    }

    [Fact]
    public void Asset_filter_combines_criteria_with_and_and_values_with_or()
    {
        var tiff = new ImageryAsset { Provider = "p", ProductId = "x", AssetKey = "b04", MediaType = "image/tiff; application=geotiff", Roles = ["data"] };
        var png = tiff with { AssetKey = "thumb", MediaType = "image/png", Roles = ["thumbnail"] };

        Assert.True(AssetFilter.All.Matches(png));
        Assert.True(new AssetFilter { MediaTypes = ["image/png", "image/tiff"] }.Matches(tiff));
        Assert.False(new AssetFilter { MediaTypes = ["image/tiff; application=cog"] }.Matches(tiff));
        Assert.False(new AssetFilter { MediaTypes = ["image/tiff"], Roles = ["thumbnail"] }.Matches(tiff));
        Assert.True(new AssetFilter { Roles = ["thumbnail", "data"], AssetKeys = ["B04"] }.Matches(tiff));
        Assert.False(new AssetFilter { Predicate = a => a.AssetKey.StartsWith('b') }.Matches(png));
        Assert.Equal("AssetFilter(keys=B04, roles=thumbnail|data)", new AssetFilter { Roles = ["thumbnail", "data"], AssetKeys = ["B04"] }.ToString());
    }

    private sealed class OtherKindRequest : ImageryRequest
    {
        public override string Provider => "fakesat";

        public override string Kind => "other";

        protected override void WriteCanonicalFields(Utf8JsonWriter writer)
        {
            writer.WriteString("scene", "S1");
            writer.WriteNumber("resolutionMeters", 0.5);
            writer.WriteStartArray("bands");
            writer.WriteStringValue("blue");
            writer.WriteStringValue("green");
            writer.WriteStringValue("red");
            writer.WriteEndArray();
        }
    }

    private sealed class DuplicateKeyRequest : ImageryRequest
    {
        public override string Provider => "fakesat";

        protected override void WriteCanonicalFields(Utf8JsonWriter writer)
        {
            writer.WriteString("a", "1");
            writer.WriteString("a", "2");
        }
    }
}
