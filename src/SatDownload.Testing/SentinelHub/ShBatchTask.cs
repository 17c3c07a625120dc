using System.Globalization;
using System.Text.Json.Nodes;

namespace SatDownload.Testing.SentinelHub;

/// <summary>
/// The Batch v2 / Batch Statistical state machine on the virtual clock:
/// CREATED –analyse→ ANALYSING → ANALYSIS_DONE (or FAILED) –start→ PROCESSING → DONE; start from CREATED analyses first
/// and then processes; stop → STOPPED (USER_ACTION), restart blocked for 30 minutes after a user stop.
/// </summary>
internal sealed class ShBatchTask
{
    public static readonly TimeSpan RestartLock = TimeSpan.FromMinutes(30);

    public required string Id { get; init; }

    public required JsonObject Request { get; init; }

    public required bool Statistical { get; init; }

    public required DateTimeOffset Created { get; init; }

    public string Status { get; set; } = "CREATED";

    public string UserAction { get; set; } = "NONE";

    public DateTimeOffset? UserActionUpdated { get; set; }

    public DateTimeOffset LastUpdated { get; set; }

    public DateTimeOffset? AnalysisStarted { get; set; }

    public DateTimeOffset? ProcessingStarted { get; set; }

    public bool StartAfterAnalysis { get; set; }

    public double Completion { get; set; }

    public double EstimatedPu { get; set; } = 100;

    public double Cost { get; set; }

    public string? StoppedReason { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    public string? Error { get; set; }

    public bool OutputsWritten { get; set; }

    public void Advance(DateTimeOffset now, SentinelHubEmulatorOptions options, Action<ShBatchTask> writeOutputs, Action<ShBatchTask>? analysed = null)
    {
        if (Status == "ANALYSING" && AnalysisStarted is { } a && now >= a + options.BatchAnalysisDuration)
        {
            var script = (Statistical ? Request["aggregation"]?["evalscript"] : Request["processRequest"]?["evalscript"])?.GetValue<string>() ?? string.Empty;
            if (script.Contains("throw new Error", StringComparison.Ordinal))
            {
                Status = "FAILED";
                Error = "Evalscript validation failed: " + script;
                LastUpdated = a + options.BatchAnalysisDuration;
                return;
            }

            Status = "ANALYSIS_DONE";
            LastUpdated = a + options.BatchAnalysisDuration;
            analysed?.Invoke(this);
            if (StartAfterAnalysis)
            {
                Status = "PROCESSING";
                ProcessingStarted = LastUpdated;
            }
        }

        if (Status == "PROCESSING" && ProcessingStarted is { } p)
        {
            var fraction = Math.Clamp((now - p).TotalSeconds / options.BatchProcessingDuration.TotalSeconds, 0, 1);
            Completion = Math.Round(fraction * 100, 1);
            Cost = Math.Round(EstimatedPu * fraction, 3);
            LastUpdated = now;
            if (fraction >= 1)
            {
                Status = "DONE";
                Completion = 100;
                Cost = EstimatedPu;
                if (!OutputsWritten)
                {
                    OutputsWritten = true;
                    writeOutputs(this);
                }
            }
        }
    }

    public JsonObject ToJson(bool statusOnly = false)
    {
        var o = new JsonObject
        {
            ["id"] = Id,
            ["status"] = Status,
            ["completionPercentage"] = Completion,
            ["lastUpdated"] = Iso(LastUpdated),
            ["created"] = Iso(Created),
        };
        o[Statistical ? "costPu" : "costPU"] = Cost;
        if (Error is not null)
        {
            o["error"] = Error;
        }

        if (StoppedReason is not null)
        {
            o["stoppedStatusReason"] = StoppedReason;
        }

        if (statusOnly)
        {
            return o;
        }

        o["request"] = Request.DeepClone();
        o["userAction"] = UserAction;
        if (UserActionUpdated is { } u)
        {
            o["userActionUpdated"] = Iso(u);
        }

        o["domainAccountId"] = "4e1699b2-af74-455a-818d-6f1ec31a6d19";
        o["projectId"] = "4e1699b2-af74-455a-818d-6f1ec31a6d19";
        o["workspaceId"] = "0c6ec1b2-0000-4000-8000-000000000001";
        o["userId"] = "2c4a230c-5085-4924-a3e1-25fb4fc5965b";
        return o;
    }

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
