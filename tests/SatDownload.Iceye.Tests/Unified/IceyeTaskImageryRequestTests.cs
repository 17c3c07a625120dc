using System.Text;
using System.Text.Json;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;

namespace SatDownload.Iceye.Tests.Unified;

/// <summary>The request's identity: every field that changes the order changes the fingerprint, nothing else does.</summary>
public class IceyeTaskImageryRequestTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Canonical_form_lists_every_ordered_field_in_UTC_with_product_types_as_a_sorted_set()
    {
        var request = new IceyeTaskImageryRequest(Full());

        var json = Encoding.UTF8.GetString(request.GetCanonicalJson());

        Assert.Equal(
            "{\"fields\":{\"acquisitionWindow\":{\"end\":\"2026-11-23T06:00:00.0000000Z\",\"start\":\"2026-11-22T06:00:00.0000000Z\"}," +
            "\"additionalProperties\":{\"tier\":\"gold\"},\"contractID\":\"contract-sar-1\",\"imagingDuration\":10," +
            "\"imagingMode\":\"SPOTLIGHT\",\"incidenceAngle\":{\"max\":35,\"min\":20},\"lookSide\":\"LEFT\",\"passDirection\":\"ASCENDING\"," +
            "\"pointOfInterest\":{\"lat\":60.17,\"lon\":24.94},\"priority\":\"COMMERCIAL\",\"productTypes\":[\"GRD\",\"SICD\",\"SLC\"]," +
            "\"reference\":\"ref-1\",\"sla\":\"SLA_12H\"},\"kind\":\"task-products\",\"provider\":\"iceye\",\"v\":1}",
            json);
        Assert.Matches("^[0-9a-f]{64}$", request.GetFingerprint());
    }

    [Fact]
    public void Same_order_written_differently_has_the_same_fingerprint()
    {
        var a = new IceyeTaskImageryRequest(Full());
        var reordered = Full();
        reordered.ProductTypes = new List<IceyeProductType> { IceyeProductType.Slc, IceyeProductType.Grd, IceyeProductType.Sicd };
        reordered.AcquisitionWindow = new IceyeAcquisitionWindow(Start.ToOffset(TimeSpan.FromHours(2)), Start.AddDays(1).ToOffset(TimeSpan.FromHours(-5)));
        reordered.ImagingMode = new IceyeImagingMode("spotlight");

        Assert.Equal(a.GetFingerprint(), new IceyeTaskImageryRequest(reordered).GetFingerprint());
        Assert.Equal(a.GetFingerprint(), new IceyeTaskImageryRequest(Full()) { AssetFilter = new AssetFilter { AssetKeys = ["grd-tif"] } }.GetFingerprint());
    }

    public static TheoryData<string> Changes() => new()
    {
        "contract", "latitude", "longitude", "start", "end", "mode", "reference", "angle", "look side", "pass", "duration", "priority", "sla", "product types", "extra field",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_ordered_field_changes_the_fingerprint(string change)
    {
        var changed = Full();
        switch (change)
        {
            case "contract": changed.ContractId = "contract-sar-2"; break;
            case "latitude": changed.PointOfInterest = new IceyePointOfInterest(60.18, 24.94); break;
            case "longitude": changed.PointOfInterest = new IceyePointOfInterest(60.17, 24.95); break;
            case "start": changed.AcquisitionWindow = new IceyeAcquisitionWindow(Start.AddMinutes(-1), Start.AddDays(1)); break;
            case "end": changed.AcquisitionWindow = new IceyeAcquisitionWindow(Start, Start.AddDays(2)); break;
            case "mode": changed.ImagingMode = IceyeImagingMode.Stripmap; break;
            case "reference": changed.Reference = "ref-2"; break;
            case "angle": changed.IncidenceAngle = new IceyeIncidenceAngleRange(20, 36); break;
            case "look side": changed.LookSide = IceyeLookSide.Right; break;
            case "pass": changed.PassDirection = IceyePassDirection.Descending; break;
            case "duration": changed.ImagingDuration = 11; break;
            case "priority": changed.Priority = IceyePriority.Background; break;
            case "sla": changed.Sla = "SLA_24H"; break;
            case "product types": changed.ProductTypes!.Remove(IceyeProductType.Sicd); break;
            case "extra field": changed.AdditionalProperties!["tier"] = JsonSerializer.SerializeToElement("silver"); break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }

        Assert.NotEqual(new IceyeTaskImageryRequest(Full()).GetFingerprint(), new IceyeTaskImageryRequest(changed).GetFingerprint());
    }

    [Fact]
    public void Existing_task_request_is_identified_by_its_id_and_never_equals_a_new_task()
    {
        var a = IceyeTaskImageryRequest.ForExistingTask("0001-abc");

        Assert.Equal("{\"fields\":{\"taskId\":\"0001-abc\"},\"kind\":\"task-products\",\"provider\":\"iceye\",\"v\":1}", Encoding.UTF8.GetString(a.GetCanonicalJson()));
        Assert.Equal(a.GetFingerprint(), IceyeTaskImageryRequest.ForExistingTask(" 0001-abc ").GetFingerprint());
        Assert.NotEqual(a.GetFingerprint(), IceyeTaskImageryRequest.ForExistingTask("0002-abc").GetFingerprint());
        Assert.Equal("iceye task-products (existing task '0001-abc')", a.ToString());
    }

    [Fact]
    public void Validate_accepts_a_window_that_is_already_past_so_journaled_tasks_can_resume()
    {
        var old = Full();
        old.AcquisitionWindow = new IceyeAcquisitionWindow(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 1, 3, 0, 0, 0, TimeSpan.Zero));

        new IceyeTaskImageryRequest(old).Validate();
        Assert.Throws<ArgumentNullException>(() => new IceyeTaskImageryRequest(null!));
    }

    private static IceyeCreateTaskRequest Full() => new()
    {
        ContractId = "contract-sar-1",
        PointOfInterest = new IceyePointOfInterest(60.17, 24.94),
        AcquisitionWindow = new IceyeAcquisitionWindow(Start, Start.AddDays(1)),
        ImagingMode = IceyeImagingMode.Spotlight,
        Reference = "ref-1",
        IncidenceAngle = new IceyeIncidenceAngleRange(20, 35),
        LookSide = IceyeLookSide.Left,
        PassDirection = IceyePassDirection.Ascending,
        ImagingDuration = 10,
        Priority = IceyePriority.Commercial,
        Sla = "SLA_12H",
        ProductTypes = new List<IceyeProductType> { IceyeProductType.Grd, IceyeProductType.Slc, IceyeProductType.Sicd },
        AdditionalProperties = new Dictionary<string, JsonElement> { ["tier"] = JsonSerializer.SerializeToElement("gold") },
    };
}
