using System.Runtime.CompilerServices;

namespace SatDownload;

/// <summary>
/// A <see cref="ProviderTask"/> that is already finished and lists a known set of assets: what synchronous flows
/// (where the download request itself produces the file) return from <see cref="ImageryProvider.StartTaskAsync"/>.
/// </summary>
public class CompletedProviderTask : ProviderTask
{
    private readonly IReadOnlyList<ImageryAsset> _assets;
    private readonly string _kind;

    /// <summary>Creates a finished task.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="id">A stable id: the same request must give the same id in a later run (for example its fingerprint).</param>
    /// <param name="assets">The assets to download.</param>
    /// <param name="kind">The task kind, for <see cref="ProviderTask.RehydrationToken"/>; defaults to <c>completed</c>.</param>
    /// <param name="status">The final status: <see cref="ProviderTaskStatus.Succeeded"/> or <see cref="ProviderTaskStatus.PartiallySucceeded"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public CompletedProviderTask(
        string provider,
        string id,
        IEnumerable<ImageryAsset> assets,
        string? kind = null,
        ProviderTaskStatus status = ProviderTaskStatus.Succeeded,
        TimeProvider? timeProvider = null)
        : base(provider, id, timeProvider, new ProviderTaskState { Status = status, AssetsAvailable = true, PercentComplete = 100 })
    {
        ArgumentNullException.ThrowIfNull(assets);
        if (!status.HasOutput())
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A completed task lists assets, so its status must be Succeeded or PartiallySucceeded.");
        }

        _assets = assets.ToArray();
        _kind = string.IsNullOrWhiteSpace(kind) ? "completed" : kind;
    }

    /// <summary>For mocking.</summary>
    protected CompletedProviderTask()
    {
        _assets = [];
        _kind = "completed";
    }

    /// <inheritdoc />
    public override string Kind => _kind;

    /// <summary>The assets this task lists.</summary>
    public virtual IReadOnlyList<ImageryAsset> Assets => _assets;

    /// <inheritdoc />
    public override async IAsyncEnumerable<ImageryAsset> GetAssetsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var asset in _assets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return asset;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(LastState ?? new ProviderTaskState { Status = ProviderTaskStatus.Succeeded, AssetsAvailable = true, PercentComplete = 100 });
}
