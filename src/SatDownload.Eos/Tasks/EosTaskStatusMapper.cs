namespace SatDownload.Eos.Tasks;

/// <summary>
/// Maps EOS's raw task statuses onto <see cref="ProviderTaskStatus"/>. The status vocabulary is only partly documented,
/// so every string that is neither a success nor a failure counts as still running.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>EOS status</term><description>Unified status</description></listheader>
/// <item><term><c>created</c>, <c>authentication</c>, <c>pending</c>, <c>started</c>, <c>running</c>, <c>processing</c>, <c>in_progress</c>, <c>queued</c></term><description><see cref="ProviderTaskStatus.Running"/></description></item>
/// <item><term><c>success</c> (also <c>succeeded</c>, <c>done</c>, <c>completed</c>, <c>finished</c>)</term><description><see cref="ProviderTaskStatus.Succeeded"/></description></item>
/// <item><term><c>failed</c>, <c>error</c> (also <c>failure</c>, <c>timeout</c>, <c>expired</c>)</term><description><see cref="ProviderTaskStatus.Failed"/></description></item>
/// <item><term><c>canceled</c>, <c>cancelled</c>, <c>revoked</c></term><description><see cref="ProviderTaskStatus.Canceled"/></description></item>
/// <item><term>anything else</term><description><see cref="ProviderTaskStatus.Running"/> (reported once through <see cref="IsKnown"/>)</description></item>
/// </list>
/// </remarks>
public static class EosTaskStatusMapper
{
    private static readonly Dictionary<string, ProviderTaskStatus> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["created"] = ProviderTaskStatus.Running,
        ["authentication"] = ProviderTaskStatus.Running,
        ["pending"] = ProviderTaskStatus.Running,
        ["started"] = ProviderTaskStatus.Running,
        ["running"] = ProviderTaskStatus.Running,
        ["processing"] = ProviderTaskStatus.Running,
        ["in_progress"] = ProviderTaskStatus.Running,
        ["queued"] = ProviderTaskStatus.Running,
        ["success"] = ProviderTaskStatus.Succeeded,
        ["succeeded"] = ProviderTaskStatus.Succeeded,
        ["done"] = ProviderTaskStatus.Succeeded,
        ["completed"] = ProviderTaskStatus.Succeeded,
        ["finished"] = ProviderTaskStatus.Succeeded,
        ["failed"] = ProviderTaskStatus.Failed,
        ["failure"] = ProviderTaskStatus.Failed,
        ["error"] = ProviderTaskStatus.Failed,
        ["timeout"] = ProviderTaskStatus.Failed,
        ["expired"] = ProviderTaskStatus.Failed,
        ["canceled"] = ProviderTaskStatus.Canceled,
        ["cancelled"] = ProviderTaskStatus.Canceled,
        ["revoked"] = ProviderTaskStatus.Canceled,
    };

    /// <summary>Maps a raw status.</summary>
    /// <param name="providerStatus">The raw status; null or empty counts as running.</param>
    /// <returns>The unified status.</returns>
    public static ProviderTaskStatus Map(string? providerStatus) =>
        providerStatus is not null && Known.TryGetValue(providerStatus.Trim(), out var status) ? status : ProviderTaskStatus.Running;

    /// <summary>Whether a raw status is one this version knows.</summary>
    /// <param name="providerStatus">The raw status.</param>
    /// <returns><see langword="true"/> for known strings.</returns>
    public static bool IsKnown(string? providerStatus) => providerStatus is not null && Known.ContainsKey(providerStatus.Trim());
}
