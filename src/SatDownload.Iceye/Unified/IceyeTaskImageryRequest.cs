using System.Globalization;
using System.Text.Json;
using SatDownload.Iceye.Models;
using SatDownload.Iceye.Validation;

namespace SatDownload.Iceye.Unified;

/// <summary>
/// An ICEYE tasking request for <see cref="SatDownloadClient"/> (or <see cref="IceyeClient.StartAsync(IceyeTaskImageryRequest, CancellationToken)"/>):
/// either a new task to create (<see cref="TaskRequest"/>) or an existing task to download (<see cref="TaskId"/>).
/// The files are the task's products once it is DONE (or, with <see cref="DownloadWhenFulfilled"/>, the SLA products once
/// it is FULFILLED).
/// </summary>
/// <remarks>
/// <para>The fingerprint covers every field of <see cref="TaskRequest"/> (contract, point, window in UTC, mode, angles,
/// look side, pass direction, duration, priority, SLA, product types in any order, extra fields) or the task id, so the
/// download journal recognises the same order in a later run and resumes the task it created instead of tasking again.</para>
/// <para>Set the wrapped <see cref="IceyeCreateTaskRequest"/> up before handing the request over and do not change it
/// afterwards: the fingerprint is read from it on every run.</para>
/// </remarks>
public sealed class IceyeTaskImageryRequest : ImageryRequest
{
    /// <summary>The <see cref="ImageryRequest.Kind"/> of ICEYE task requests (stable: it is part of the fingerprint).</summary>
    public const string RequestKind = "task-products";

    /// <summary>Creates an empty request; set <see cref="TaskRequest"/> or <see cref="TaskId"/>.</summary>
    public IceyeTaskImageryRequest()
    {
    }

    /// <summary>Creates a request that creates a new task.</summary>
    /// <param name="taskRequest">The task to create.</param>
    public IceyeTaskImageryRequest(IceyeCreateTaskRequest taskRequest)
    {
        TaskRequest = taskRequest ?? throw new ArgumentNullException(nameof(taskRequest));
    }

    /// <summary>Creates a request that downloads the products of an existing task (nothing is ordered).</summary>
    /// <param name="taskId">The ICEYE task id.</param>
    /// <returns>The request.</returns>
    public static IceyeTaskImageryRequest ForExistingTask(string taskId) => new() { TaskId = taskId };

    /// <inheritdoc />
    public override string Provider => ProviderNames.Iceye;

    /// <inheritdoc />
    public override string Kind => RequestKind;

    /// <summary>The task to create (<c>POST /api/tasking/v2/tasks</c>); null when <see cref="TaskId"/> names an existing task.</summary>
    public IceyeCreateTaskRequest? TaskRequest { get; init; }

    /// <summary>An existing task whose products to download, without creating anything; null when <see cref="TaskRequest"/> is set.</summary>
    public string? TaskId { get; init; }

    /// <summary>
    /// Download as soon as the task is FULFILLED (the contract's SLA products, ready hours before the rest) instead of
    /// waiting for DONE; the run then ends with <see cref="ProviderTaskStatus.PartiallySucceeded"/>, and running the same
    /// request again after DONE resumes the task and adds the other products. Not part of the fingerprint: it changes
    /// when files are fetched, not what is ordered.
    /// </summary>
    public bool DownloadWhenFulfilled { get; init; }

    /// <summary>
    /// Checks the request without any network call and without the clock: exactly one of <see cref="TaskRequest"/> and
    /// <see cref="TaskId"/>, required fields, ranges, a window of at least 24 hours. Whether the window still lies in the
    /// future is checked just before the task is created (<see cref="IceyeImageryProvider.EstimateCostAsync"/>), so a
    /// journaled task can still be resumed after its window has passed.
    /// </summary>
    /// <exception cref="ImageryRequestValidationException">The request is invalid; the message names the field and the fix.</exception>
    public override void Validate()
    {
        base.Validate();
        if (TaskRequest is null && TaskId is null)
        {
            throw new ImageryRequestValidationException(
                "IceyeTaskImageryRequest.TaskRequest",
                "is null and so is TaskId; set TaskRequest to create a task, or TaskId to download an existing task's products.");
        }

        if (TaskRequest is not null && TaskId is not null)
        {
            throw new ImageryRequestValidationException(
                "IceyeTaskImageryRequest.TaskId",
                "is set together with TaskRequest; set only TaskRequest (create a task) or only TaskId (use an existing one).");
        }

        if (TaskId is not null)
        {
            if (string.IsNullOrWhiteSpace(TaskId))
            {
                throw new ImageryRequestValidationException("IceyeTaskImageryRequest.TaskId", "is empty; give the id ICEYE returned when the task was created (IceyeClient.GetTasksAsync lists them).");
            }

            if (TaskId.Any(c => char.IsControl(c) || c is '/' or '\\' or '?' or '#'))
            {
                throw new ImageryRequestValidationException("IceyeTaskImageryRequest.TaskId", $"'{TaskId}' contains characters an ICEYE task id never has ('/', '\\', '?', '#' or control characters); copy the id exactly.");
            }

            return;
        }

        // The window is judged relative to its own start: only the clock-independent rules apply here.
        var problems = IceyeTaskRequestValidator.GetProblems(TaskRequest!, TaskRequest!.AcquisitionWindow?.Start ?? DateTimeOffset.MinValue);
        if (problems.Count > 0)
        {
            throw new ImageryRequestValidationException("IceyeTaskImageryRequest.TaskRequest", "is invalid; nothing was sent. " + string.Join(" ", problems));
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        TaskId is { } id ? $"iceye task-products (existing task '{id}')" : $"iceye task-products ({TaskRequest?.ImagingMode} at {TaskRequest?.PointOfInterest})";

    /// <inheritdoc />
    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (TaskId is { } id)
        {
            writer.WriteString("taskId", id.Trim());
            return;
        }

        if (TaskRequest is not { } task)
        {
            return;
        }

        WriteOptional(writer, "contractID", task.ContractId);
        if (task.PointOfInterest is { } poi)
        {
            writer.WriteStartObject("pointOfInterest");
            writer.WriteNumber("lat", poi.Latitude);
            writer.WriteNumber("lon", poi.Longitude);
            writer.WriteEndObject();
        }

        if (task.AcquisitionWindow is { } window)
        {
            writer.WriteStartObject("acquisitionWindow");
            writer.WriteString("start", Utc(window.Start));
            writer.WriteString("end", Utc(window.End));
            writer.WriteEndObject();
        }

        WriteOptional(writer, "imagingMode", task.ImagingMode?.Value.ToUpperInvariant());
        WriteOptional(writer, "reference", task.Reference);
        if (task.IncidenceAngle is { } angle)
        {
            writer.WriteStartObject("incidenceAngle");
            writer.WriteNumber("min", angle.Minimum);
            writer.WriteNumber("max", angle.Maximum);
            writer.WriteEndObject();
        }

        WriteOptional(writer, "lookSide", task.LookSide?.Value.ToUpperInvariant());
        WriteOptional(writer, "passDirection", task.PassDirection?.Value.ToUpperInvariant());
        if (task.ImagingDuration is { } duration)
        {
            writer.WriteNumber("imagingDuration", duration);
        }

        WriteOptional(writer, "priority", task.Priority?.Value.ToUpperInvariant());
        WriteOptional(writer, "sla", task.Sla?.Trim().ToUpperInvariant());
        if (task.ProductTypes is { } types)
        {
            // A set: the order the caller listed the types in does not change what is produced.
            writer.WriteStartArray("productTypes");
            foreach (var type in types.Select(t => t.Value.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(type);
            }

            writer.WriteEndArray();
        }

        if (task.AdditionalProperties is { Count: > 0 } extra)
        {
            writer.WriteStartObject("additionalProperties");
            foreach (var (name, value) in extra)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
