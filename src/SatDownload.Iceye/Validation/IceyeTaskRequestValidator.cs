using System.Globalization;
using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Validation;

/// <summary>
/// Checks a create-task request against ICEYE's documented rules before anything is sent, so that a mistake costs no
/// request and the message names the field and the fix. Contract-specific rules (allowed modes, priorities, SLAs, lead
/// time per priority) are left to the server, whose 400 problem details are surfaced as they are.
/// </summary>
public static class IceyeTaskRequestValidator
{
    /// <summary>The shortest acquisition window ICEYE accepts.</summary>
    public static readonly TimeSpan MinimumWindow = TimeSpan.FromHours(24);

    /// <summary>How far ahead the acquisition window may end.</summary>
    public static readonly TimeSpan MaximumLookAhead = TimeSpan.FromDays(14);

    /// <summary>Lists every problem of a request (empty when it is valid).</summary>
    /// <param name="request">The request.</param>
    /// <param name="now">The current time, to judge the window.</param>
    /// <returns>One sentence per problem, each naming the field and the fix.</returns>
    public static IReadOnlyList<string> GetProblems(IceyeCreateTaskRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(request.ContractId))
        {
            problems.Add("ContractId is required: set it to the id of one of your contracts (IceyeClient.GetContractsAsync lists them).");
        }

        if (request.PointOfInterest is not { } poi)
        {
            problems.Add("PointOfInterest is required: set it to the WGS84 latitude and longitude to image.");
        }
        else
        {
            if (!double.IsFinite(poi.Latitude) || poi.Latitude < -90 || poi.Latitude > 90)
            {
                problems.Add(Invariant($"PointOfInterest.Latitude is {poi.Latitude}: it must be between -90 and 90 degrees (did you swap latitude and longitude?)."));
            }

            if (!double.IsFinite(poi.Longitude) || poi.Longitude < -180 || poi.Longitude > 180)
            {
                problems.Add(Invariant($"PointOfInterest.Longitude is {poi.Longitude}: it must be between -180 and 180 degrees."));
            }
        }

        if (request.AcquisitionWindow is not { } window)
        {
            problems.Add("AcquisitionWindow is required: give a start and an end at least 24 hours apart, ending at most 14 days from now.");
        }
        else
        {
            if (window.End <= window.Start)
            {
                problems.Add(Invariant($"AcquisitionWindow.End ({window.End:O}) must be after AcquisitionWindow.Start ({window.Start:O})."));
            }
            else if (window.Duration < MinimumWindow)
            {
                problems.Add(Invariant($"AcquisitionWindow lasts {window.Duration.TotalHours:0.##} h: ICEYE needs at least 24 h; move End to {window.Start + MinimumWindow:O} or later."));
            }

            if (window.End <= now)
            {
                problems.Add(Invariant($"AcquisitionWindow.End ({window.End:O}) is in the past: the window must end in the future."));
            }
            else if (window.End > now + MaximumLookAhead)
            {
                problems.Add(Invariant($"AcquisitionWindow.End ({window.End:O}) is more than 14 days ahead: ICEYE accepts windows ending by {now + MaximumLookAhead:O}."));
            }
        }

        if (request.ImagingMode is not { } mode || string.IsNullOrWhiteSpace(mode.Value))
        {
            problems.Add("ImagingMode is required: for example IceyeImagingMode.Spotlight or IceyeImagingMode.Stripmap (your contract lists the allowed modes).");
        }

        if (request.IncidenceAngle is { } angle)
        {
            if (!double.IsFinite(angle.Minimum) || !double.IsFinite(angle.Maximum) || angle.Minimum < 0 || angle.Maximum > 90)
            {
                problems.Add(Invariant($"IncidenceAngle ({angle.Minimum}..{angle.Maximum}) must lie between 0 and 90 degrees."));
            }
            else if (angle.Minimum > angle.Maximum)
            {
                problems.Add(Invariant($"IncidenceAngle.Minimum ({angle.Minimum}) must not exceed IncidenceAngle.Maximum ({angle.Maximum})."));
            }
        }

        if (request.ImagingDuration is { } duration && duration <= 0)
        {
            problems.Add(Invariant($"ImagingDuration is {duration}: it must be positive, or null for the mode's default."));
        }

        if (request.LookSide is { } look && string.IsNullOrWhiteSpace(look.Value))
        {
            problems.Add("LookSide is empty: use IceyeLookSide.Left, Right or Any, or leave it null.");
        }

        if (request.PassDirection is { } pass && string.IsNullOrWhiteSpace(pass.Value))
        {
            problems.Add("PassDirection is empty: use IceyePassDirection.Ascending, Descending or Any, or leave it null.");
        }

        if (request.Priority is { } priority && string.IsNullOrWhiteSpace(priority.Value))
        {
            problems.Add("Priority is empty: use IceyePriority.Background or Commercial, or leave it null for the contract's default.");
        }

        if (request.Sla is { } sla && string.IsNullOrWhiteSpace(sla))
        {
            problems.Add("Sla is blank: use a value such as SLA_12H, or leave it null for the contract's default.");
        }

        if (request.ProductTypes is { } types)
        {
            if (types.Any(t => string.IsNullOrWhiteSpace(t.Value)))
            {
                problems.Add("ProductTypes contains an empty value: use IceyeProductType members such as IceyeProductType.GrdCog.");
            }

            var duplicates = types.Where(t => !string.IsNullOrWhiteSpace(t.Value)).GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key.Value).ToList();
            if (duplicates.Count > 0)
            {
                problems.Add($"ProductTypes lists {string.Join(", ", duplicates)} more than once: list each product type once.");
            }
        }

        return problems;
    }

    /// <summary>Throws when the request has problems.</summary>
    /// <param name="request">The request.</param>
    /// <param name="now">The current time.</param>
    /// <exception cref="ArgumentException">The request is invalid; the message lists every problem.</exception>
    public static void Validate(IceyeCreateTaskRequest request, DateTimeOffset now)
    {
        var problems = GetProblems(request, now);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "The ICEYE task request is invalid; nothing was sent. " + string.Join(" ", problems),
                nameof(request));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
