using System.Text.Json;
using SatDownload.Eos.Tasks;
using SatDownload.Eos.Validation;

namespace SatDownload.Eos.Unified;

/// <summary>
/// An EOS load-by-extent (<c>lbe</c>) request for <see cref="SatDownloadClient"/>: the bands of one scene cropped to a
/// polygon, downloaded as one file per polygon (jp2, GeoTIFF or zip by EOS's documented rule); or, with
/// <see cref="TaskIds"/>, the results of existing tasks (nothing is created). The same request also works without the
/// unified client through <see cref="EosClient.StartAsync(EosLoadByExtentImageryRequest, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// A Polygon is one EOS task. A MultiPolygon is refused unless <see cref="EosLoadByExtentRequest.MultiPolygonHandling"/>
/// is <see cref="EosMultiPolygonHandling.SplitIntoTasks"/>, which creates one task per polygon, followed as one
/// <see cref="EosLoadByExtentTaskGroup"/>. EOS has no price or quote call, so no cost is estimated; a byte or file budget
/// still applies to the download.
/// </remarks>
public sealed class EosLoadByExtentImageryRequest : ImageryRequest
{
    /// <summary>The stable <see cref="Kind"/> of this request (part of the fingerprint).</summary>
    public const string RequestKind = "load-by-extent";

    /// <summary>Creates an empty request; set <see cref="LoadByExtent"/> or <see cref="TaskIds"/>.</summary>
    public EosLoadByExtentImageryRequest()
    {
    }

    /// <summary>Wraps the adapter's own request.</summary>
    /// <param name="loadByExtent">The load-by-extent request.</param>
    public EosLoadByExtentImageryRequest(EosLoadByExtentRequest loadByExtent)
    {
        LoadByExtent = loadByExtent;
    }

    /// <summary>Creates a request from the few fields most callers need.</summary>
    /// <param name="viewId">The scene's view id from the Search API, for example <c>S2/13/R/EL/2023/7/19/0</c>.</param>
    /// <param name="bands">The bands, for example <c>["B04","B08"]</c>.</param>
    /// <param name="aoi">The polygon to crop to.</param>
    public EosLoadByExtentImageryRequest(string viewId, IReadOnlyList<string> bands, Aoi aoi)
        : this(new EosLoadByExtentRequest { ViewId = viewId, Bands = bands, Aoi = aoi })
    {
    }

    /// <summary>The task(s) to create: view id, bands, AOI, merge, metadata, reference, callback URL. Null when <see cref="TaskIds"/> is set.</summary>
    public EosLoadByExtentRequest? LoadByExtent { get; init; }

    /// <summary>
    /// Existing load-by-extent task ids whose results to download, without creating anything (for example tasks created
    /// by another program, or whose callback arrived elsewhere). Null when <see cref="LoadByExtent"/> is set.
    /// </summary>
    public IReadOnlyList<string>? TaskIds { get; init; }

    /// <summary>Creates a request that downloads the results of existing tasks (nothing is created).</summary>
    /// <param name="taskIds">The EOS task ids.</param>
    /// <returns>The request.</returns>
    public static EosLoadByExtentImageryRequest ForExistingTasks(params string[] taskIds) => new() { TaskIds = taskIds };

    /// <inheritdoc />
    public override string Provider => ProviderNames.Eos;

    /// <inheritdoc />
    public override string Kind => RequestKind;

    /// <summary>
    /// Checks the request without any network call: exactly one of <see cref="LoadByExtent"/> and <see cref="TaskIds"/>;
    /// view id, unique non-empty bands and metadata, a Polygon (or a MultiPolygon to split) of lon/lat coordinates that
    /// does not cross the antimeridian, reference and callback URL; or well-formed, unique task ids.
    /// </summary>
    /// <exception cref="ImageryRequestValidationException">A field is invalid; <see cref="ImageryRequestValidationException.Field"/> names it.</exception>
    public override void Validate()
    {
        base.Validate();
        const string self = nameof(EosLoadByExtentImageryRequest);
        if (LoadByExtent is null && TaskIds is null)
        {
            throw new ImageryRequestValidationException($"{self}.{nameof(LoadByExtent)}", "is null and so is TaskIds; set LoadByExtent (view id, bands, AOI) to create a task, or TaskIds to download existing tasks' results.");
        }

        if (LoadByExtent is not null && TaskIds is not null)
        {
            throw new ImageryRequestValidationException($"{self}.{nameof(TaskIds)}", "is set together with LoadByExtent; set only LoadByExtent (create tasks) or only TaskIds (use existing ones).");
        }

        if (TaskIds is not null)
        {
            ValidateTaskIds(TaskIds);
            return;
        }

        try
        {
            EosRequestValidator.ValidateLoadByExtent(LoadByExtent!);
        }
        catch (ArgumentException ex)
        {
            throw ToValidationException(ex.Message);
        }
    }

    /// <summary>The task information the request implies (for rehydrating its tasks with file names and the type prediction).</summary>
    /// <returns>The information; empty for <see cref="TaskIds"/> requests (what those tasks were asked for is unknown).</returns>
    public EosLoadByExtentTaskInfo ToTaskInfo() => LoadByExtent is null ? new EosLoadByExtentTaskInfo() : new()
    {
        ViewId = LoadByExtent.ViewId?.Trim(),
        Bands = LoadByExtent.Bands.Select(b => b.Trim()).ToArray(),
        Merge = LoadByExtent.Merge,
        Metadata = LoadByExtent.Metadata?.Select(m => m.Trim()).ToArray(),
        Reference = LoadByExtent.Reference,
        CallbackUrl = LoadByExtent.CallbackUrl,
    };

    /// <inheritdoc />
    public override string ToString() => LoadByExtent is null
        ? $"eos load-by-extent tasks {string.Join(",", TaskIds ?? [])}"
        : $"eos load-by-extent {LoadByExtent.ViewId} [{string.Join(",", LoadByExtent.Bands)}]";

    /// <summary>
    /// Writes what changes the file EOS produces: the task type, view id, bands (in order: it is the band order of the
    /// file), merge, metadata files (sorted: a set) and the polygon. The reference and the callback URL do not change the
    /// file and are left out, so a re-run with a new reference resumes the same task. For <see cref="TaskIds"/>: the ids.
    /// </summary>
    /// <param name="writer">The writer.</param>
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (LoadByExtent is null)
        {
            writer.WriteStartArray("task_ids");
            foreach (var id in (TaskIds ?? []).Select(t => t.Trim()))
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteString("type", EosLoadByExtentTask.TaskKind);
        writer.WriteString("view_id", LoadByExtent.ViewId.Trim());
        writer.WriteStartArray("bands");
        foreach (var band in LoadByExtent.Bands)
        {
            writer.WriteStringValue(band.Trim());
        }

        writer.WriteEndArray();
        if (LoadByExtent.Merge is { } merge)
        {
            writer.WriteBoolean("merge", merge);
        }
        else
        {
            writer.WriteNull("merge");
        }

        writer.WriteStartArray("metadata");
        foreach (var file in (LoadByExtent.Metadata ?? []).Select(m => m.Trim()).Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(file);
        }

        writer.WriteEndArray();
        writer.WriteString("geometry", LoadByExtent.Aoi.ToWkt());
    }

    private static void ValidateTaskIds(IReadOnlyList<string> taskIds)
    {
        const string field = nameof(EosLoadByExtentImageryRequest) + "." + nameof(TaskIds);
        if (taskIds.Count == 0)
        {
            throw new ImageryRequestValidationException(field, "is empty; list at least one EOS task id (a UUID such as 71297461-aaa4-4f07-9b9e-9bf581df8f60), or set LoadByExtent instead.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in taskIds)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Trim().Any(c => char.IsWhiteSpace(c) || c is '/' or ':' or EosLoadByExtentTaskGroup.IdSeparator))
            {
                throw new ImageryRequestValidationException(field, $"holds '{id}', which is not an EOS task id (a UUID such as 71297461-aaa4-4f07-9b9e-9bf581df8f60).");
            }

            if (!seen.Add(id.Trim()))
            {
                throw new ImageryRequestValidationException(field, $"lists '{id}' more than once.");
            }
        }
    }

    private static ImageryRequestValidationException ToValidationException(string message)
    {
        // The validator's messages start with the field ("EosLoadByExtentRequest.Bands lists 'B04' more than once...").
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && message.StartsWith("EosLoadByExtentRequest.", StringComparison.Ordinal))
        {
            var field = message[..space];
            var bracket = field.IndexOf('[', StringComparison.Ordinal);
            return new ImageryRequestValidationException(bracket > 0 ? field[..bracket] : field, message[(space + 1)..]);
        }

        return new ImageryRequestValidationException(message);
    }
}
