using SatDownload.Iceye.Models;
using SatDownload.Iceye.Validation;

namespace SatDownload.Iceye.Tests.Validation;

public class IceyeTaskRequestValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    internal static IceyeCreateTaskRequest Valid(DateTimeOffset now) => new()
    {
        ContractId = "contract-1",
        PointOfInterest = new IceyePointOfInterest(60.17, 24.94),
        AcquisitionWindow = new IceyeAcquisitionWindow(now.AddHours(2), now.AddHours(50)),
        ImagingMode = IceyeImagingMode.Spotlight,
    };

    [Fact]
    public void A_complete_request_with_every_optional_field_has_no_problems()
    {
        var request = Valid(Now);
        request.Reference = "ref";
        request.IncidenceAngle = new IceyeIncidenceAngleRange(20, 35);
        request.LookSide = IceyeLookSide.Left;
        request.PassDirection = IceyePassDirection.Descending;
        request.ImagingDuration = 10;
        request.Priority = IceyePriority.Commercial;
        request.Sla = "SLA_12H";
        request.ProductTypes = new List<IceyeProductType> { IceyeProductType.Sicd, IceyeProductType.GrdCog };

        Assert.Empty(IceyeTaskRequestValidator.GetProblems(request, Now));
    }

    [Fact]
    public void Missing_required_fields_are_each_named_with_the_fix()
    {
        var ex = Assert.Throws<ArgumentException>(() => IceyeTaskRequestValidator.Validate(new IceyeCreateTaskRequest(), Now));

        Assert.Equal("request", ex.ParamName);
        Assert.Contains("ContractId is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PointOfInterest is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AcquisitionWindow is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ImagingMode is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(23.9, 1, "lasts 23.9 h")]
    [InlineData(24, 1, null)]
    [InlineData(48, 13.5 * 24, "more than 14 days ahead")]
    [InlineData(24, 13 * 24, null)]
    public void Window_must_last_24_hours_and_end_within_14_days(double hours, double startOffsetHours, string? expected)
    {
        var request = Valid(Now);
        var start = Now.AddHours(startOffsetHours);
        request.AcquisitionWindow = new IceyeAcquisitionWindow(start, start.AddHours(hours));

        var problems = IceyeTaskRequestValidator.GetProblems(request, Now);

        if (expected is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Reversed_or_past_window_is_rejected()
    {
        var request = Valid(Now);
        request.AcquisitionWindow = new IceyeAcquisitionWindow(Now.AddDays(-3), Now.AddDays(-4));

        var problems = IceyeTaskRequestValidator.GetProblems(request, Now);

        Assert.Contains(problems, p => p.Contains("must be after AcquisitionWindow.Start", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("is in the past", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(91, 0, "Latitude is 91")]
    [InlineData(-90.5, 0, "Latitude is -90.5")]
    [InlineData(0, 180.1, "Longitude is 180.1")]
    [InlineData(double.NaN, 0, "Latitude is NaN")]
    public void Coordinates_out_of_range_are_rejected(double lat, double lon, string expected)
    {
        var request = Valid(Now);
        request.PointOfInterest = new IceyePointOfInterest(lat, lon);

        var problem = Assert.Single(IceyeTaskRequestValidator.GetProblems(request, Now));

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_fields_are_checked_when_present()
    {
        var request = Valid(Now);
        request.IncidenceAngle = new IceyeIncidenceAngleRange(40, 30);
        request.ImagingDuration = 0;
        request.Sla = " ";
        request.ProductTypes = new List<IceyeProductType> { IceyeProductType.Sicd, "sicd" };

        var problems = IceyeTaskRequestValidator.GetProblems(request, Now);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("IncidenceAngle.Minimum (40)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ImagingDuration is 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Sla is blank", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void An_area_of_interest_is_tasked_at_its_centroid()
    {
        var poi = IceyePointOfInterest.FromAoi(Aoi.FromBoundingBox(24.8, 60.1, 25.0, 60.3));

        Assert.Equal(60.2, poi.Latitude, 2);
        Assert.Equal(24.9, poi.Longitude, 2);
    }
}
