namespace SatDownload.Eos.Tasks;

/// <summary>
/// What a load-by-extent task was asked for. Known when the task is created by this process; pass it to
/// <see cref="EosClient.GetLoadByExtentTask"/> when rehydrating to keep the result-type prediction and file names.
/// </summary>
public sealed record EosLoadByExtentTaskInfo
{
    private readonly IReadOnlyList<string> _bands = Array.Empty<string>();
    private readonly IReadOnlyList<string>? _metadata;

    /// <summary>The view id.</summary>
    public string? ViewId { get; init; }

    /// <summary>The bands.</summary>
    public IReadOnlyList<string> Bands
    {
        get => _bands;
        init => _bands = value is null ? Array.Empty<string>() : value.ToArray();
    }

    /// <summary>The merge flag as sent (null: provider default, true).</summary>
    public bool? Merge { get; init; }

    /// <summary>The metadata files.</summary>
    public IReadOnlyList<string>? Metadata
    {
        get => _metadata;
        init => _metadata = value?.ToArray();
    }

    /// <summary>The reference sent.</summary>
    public string? Reference { get; init; }

    /// <summary>The callback URL sent.</summary>
    public Uri? CallbackUrl { get; init; }

    /// <summary>When the task was created (on the client's clock), to enforce <c>task_timeout</c>.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
