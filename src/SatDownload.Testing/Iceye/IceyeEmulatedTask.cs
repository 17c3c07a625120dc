using System.Text.Json.Nodes;

namespace SatDownload.Testing.Iceye;

/// <summary>
/// One task inside the ICEYE emulator. Its status is a function of the virtual clock: RECEIVED for
/// <see cref="IceyeEmulatorOptions.ReceivedDuration"/>, then ACTIVE, FULFILLED and DONE (or the scripted
/// <see cref="Outcome"/>), unless cancelled.
/// </summary>
public sealed class IceyeEmulatedTask
{
    private readonly object _gate = new();
    private DateTimeOffset? _canceledAt;

    internal IceyeEmulatedTask(string id, JsonObject request, IceyeEmulatedContract contract, DateTimeOffset createdAt, IceyeEmulatedOutcome outcome, IceyeEmulatorOptions options)
    {
        Id = id;
        Request = request;
        Contract = contract;
        CreatedAt = createdAt;
        Outcome = outcome;
        Options = options;
        RequestedProductTypes = request["productTypes"] is JsonArray types
            ? types.Select(t => t?.GetValue<string>() ?? string.Empty).Where(t => t.Length > 0).ToArray()
            : Array.Empty<string>();
    }

    /// <summary>The task id.</summary>
    public string Id { get; }

    /// <summary>The create request as received.</summary>
    public JsonObject Request { get; }

    /// <summary>The contract.</summary>
    public IceyeEmulatedContract Contract { get; }

    /// <summary>When the task was created (virtual clock).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>How the task ends.</summary>
    public IceyeEmulatedOutcome Outcome { get; }

    /// <summary>The non-SLA product types asked for.</summary>
    public IReadOnlyList<string> RequestedProductTypes { get; }

    /// <summary>When the task was cancelled, if it was.</summary>
    public DateTimeOffset? CanceledAt
    {
        get
        {
            lock (_gate)
            {
                return _canceledAt;
            }
        }
    }

    internal IceyeEmulatorOptions Options { get; }

    /// <summary>When the task reaches ACTIVE (or REJECTED).</summary>
    public DateTimeOffset OptimisedAt => CreatedAt + Options.ReceivedDuration;

    /// <summary>When the task reaches FULFILLED (or FAILED, or DONE without FULFILLED).</summary>
    public DateTimeOffset AcquiredAt => OptimisedAt + Options.ActiveDuration;

    /// <summary>When the task reaches DONE.</summary>
    public DateTimeOffset DoneAt => Outcome == IceyeEmulatedOutcome.DeliverWithoutFulfilled ? AcquiredAt : AcquiredAt + Options.FulfilledDuration;

    /// <summary>The status at a moment of the virtual clock.</summary>
    /// <param name="now">The moment.</param>
    /// <returns>RECEIVED, ACTIVE, FULFILLED, DONE, REJECTED, FAILED or CANCELED.</returns>
    public string StatusAt(DateTimeOffset now)
    {
        var canceled = CanceledAt;
        if (canceled is { } c && c <= now)
        {
            return "CANCELED";
        }

        if (now < OptimisedAt)
        {
            return "RECEIVED";
        }

        if (Outcome == IceyeEmulatedOutcome.Reject)
        {
            return "REJECTED";
        }

        if (now < AcquiredAt)
        {
            return "ACTIVE";
        }

        if (Outcome == IceyeEmulatedOutcome.Fail)
        {
            return "FAILED";
        }

        return now < DoneAt ? "FULFILLED" : "DONE";
    }

    /// <summary>When the task last changed status, for <c>updatedAt</c>.</summary>
    /// <param name="now">The moment.</param>
    /// <returns>The time of the last transition.</returns>
    public DateTimeOffset UpdatedAt(DateTimeOffset now)
    {
        var status = StatusAt(now);
        return status switch
        {
            "CANCELED" => CanceledAt ?? now,
            "RECEIVED" => CreatedAt,
            "REJECTED" or "ACTIVE" => OptimisedAt,
            "FAILED" or "FULFILLED" => AcquiredAt,
            _ => DoneAt,
        };
    }

    /// <summary>The product types available at a moment: none before FULFILLED, the SLA types in FULFILLED, all requested types once DONE.</summary>
    /// <param name="now">The moment.</param>
    /// <returns>The product types, or null when products are not available (404).</returns>
    public IReadOnlyList<string>? ProductTypesAt(DateTimeOffset now)
    {
        var status = StatusAt(now);
        if (status == "FULFILLED")
        {
            return Contract.SlaProductTypes;
        }

        if (status == "DONE")
        {
            return Contract.SlaProductTypes.Concat(RequestedProductTypes.Where(t => !Contract.SlaProductTypes.Contains(t, StringComparer.OrdinalIgnoreCase))).ToArray();
        }

        return null;
    }

    /// <summary>Cancels the task if it is RECEIVED or ACTIVE.</summary>
    /// <param name="now">The moment.</param>
    /// <returns>Whether the cancellation was accepted.</returns>
    public bool TryCancel(DateTimeOffset now)
    {
        lock (_gate)
        {
            var status = StatusAt(now);
            if (status is not ("RECEIVED" or "ACTIVE"))
            {
                return false;
            }

            _canceledAt = now;
            return true;
        }
    }

    /// <summary>The task as the API returns it.</summary>
    /// <param name="now">The moment.</param>
    /// <returns>The JSON object.</returns>
    public JsonObject ToJson(DateTimeOffset now)
    {
        var json = new JsonObject
        {
            ["id"] = Id,
            ["contractID"] = Contract.Id,
            ["status"] = StatusAt(now),
            ["createdAt"] = CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["updatedAt"] = UpdatedAt(now).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var name in new[] { "imagingMode", "pointOfInterest", "acquisitionWindow", "reference", "incidenceAngle", "lookSide", "passDirection", "imagingDuration", "priority", "sla", "productTypes" })
        {
            if (Request[name] is { } value)
            {
                json[name] = value.DeepClone();
            }
        }

        return json;
    }
}
