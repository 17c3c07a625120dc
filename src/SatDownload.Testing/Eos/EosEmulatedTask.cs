namespace SatDownload.Testing.Eos;

/// <summary>An <c>lbe</c> task inside the emulator; its status is a function of the virtual clock.</summary>
public sealed class EosEmulatedTask
{
    /// <summary>The task id.</summary>
    public required string TaskId { get; init; }

    /// <summary>The request id.</summary>
    public required string RequestId { get; init; }

    /// <summary>The API key that created it.</summary>
    public required string ApiKey { get; init; }

    /// <summary>The caller's reference.</summary>
    public required string Reference { get; init; }

    /// <summary>The view id.</summary>
    public required string ViewId { get; init; }

    /// <summary>The requested bands.</summary>
    public required IReadOnlyList<string> Bands { get; init; }

    /// <summary>The merge flag (true when omitted).</summary>
    public bool Merge { get; init; } = true;

    /// <summary>The requested metadata files.</summary>
    public IReadOnlyList<string> Metadata { get; init; } = Array.Empty<string>();

    /// <summary>The callback URL, if any.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>When it was created (virtual clock).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether it ends in failure.</summary>
    public bool WillFail { get; init; }

    /// <summary>The blob name of the result, once built.</summary>
    public string? ResultBlobName { get; set; }

    /// <summary>Whether the callback was sent.</summary>
    public bool CallbackSent { get; set; }

    /// <summary>The raw JSON body the client sent.</summary>
    public string? RawRequest { get; init; }

    /// <summary>The status at a given time.</summary>
    /// <param name="now">The virtual time.</param>
    /// <param name="options">The emulator options.</param>
    /// <returns>The raw status string.</returns>
    public string StatusAt(DateTimeOffset now, EosEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var elapsed = now - CreatedAt;
        if (elapsed >= options.FinishedAfter)
        {
            return WillFail ? options.FailureStatus : "success";
        }

        return elapsed >= options.StartedAfter ? options.RunningStatus : options.InitialStatus;
    }
}
