namespace SatDownload;

/// <summary>
/// One request recorded in a <see cref="DownloadJournal"/>: which provider task it created and where each asset
/// stands. A serialisable record; the journal owns and saves it.
/// </summary>
public sealed class JournalEntry
{
    /// <summary>The request fingerprint (<see cref="ImageryRequest.GetFingerprint"/>).</summary>
    public string Fingerprint { get; set; } = string.Empty;

    /// <summary>The provider name.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>The request kind (<see cref="ImageryRequest.Kind"/>).</summary>
    public string? RequestKind { get; set; }

    /// <summary>The provider task id, once created; what a later run resumes by.</summary>
    public string? TaskId { get; set; }

    /// <summary>The task kind (<see cref="ProviderTask.Kind"/>).</summary>
    public string? TaskKind { get; set; }

    /// <summary>The task's rehydration token (<see cref="ProviderTask.RehydrationToken"/>).</summary>
    public string? RehydrationToken { get; set; }

    /// <summary>When the entry was created (the task creation was attempted).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the entry last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The cost estimate made before ordering, when the provider gave one.</summary>
    public CostEstimate? CostEstimate { get; set; }

    /// <summary>Where the flow stands.</summary>
    public JournalEntryStatus Status { get; set; }

    /// <summary>The provider task's last known status.</summary>
    public ProviderTaskStatus? TaskStatus { get; set; }

    /// <summary>The assets, by identity.</summary>
    public List<JournalAssetEntry> Assets { get; set; } = [];

    /// <summary>The asset entry for an identity, or null.</summary>
    /// <param name="identity">The asset identity.</param>
    /// <returns>The entry or null.</returns>
    public JournalAssetEntry? FindAsset(string identity) =>
        Assets.Find(a => string.Equals(a.Identity, identity, StringComparison.Ordinal));

    /// <inheritdoc />
    public override string ToString() =>
        $"{Provider} task '{TaskId ?? "(not created)"}' {Status}, {Assets.Count(a => a.State == JournalAssetState.Done)}/{Assets.Count} assets done";
}
