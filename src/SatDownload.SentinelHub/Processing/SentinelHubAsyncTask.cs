using System.Runtime.CompilerServices;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>
/// An Async Process request. The service answers <c>RUNNING</c> while it runs and 404 afterwards, whether it succeeded
/// or failed (or the id is unknown): 404 after running is reported as <see cref="ProviderTaskStatus.Succeeded"/> with
/// <see cref="ProviderTask.StatusMessage"/> saying the outcome must be confirmed in the bucket. With an
/// <see cref="ISentinelHubObjectStorage"/>, <see cref="ConfirmOutcomeAsync"/> does that (outputs present, or <c>error.json</c>).
/// </summary>
public class SentinelHubAsyncTask : ProviderTask
{
    /// <summary>The message attached to the "no longer running" state.</summary>
    public const string NotRunningMessage = "The Async request is no longer running (the service answered 404). That means finished OR failed: confirm in the delivery bucket (outputs present, or error.json written).";

    private readonly SentinelHubProcessClient? _client;
    private readonly ISentinelHubObjectStorage? _storage;

    internal SentinelHubAsyncTask(SentinelHubProcessClient client, string id, ProcessRequest request, ISentinelHubObjectStorage? storage, TimeProvider time)
        : base(ProviderNames.SentinelHub, id, time, new ProviderTaskState { Status = ProviderTaskStatus.Running, ProviderStatus = "RUNNING" })
    {
        _client = client;
        _storage = storage;
        Request = request;
    }

    /// <summary>For mocking.</summary>
    protected SentinelHubAsyncTask()
    {
    }

    /// <summary>The submitted request.</summary>
    public virtual ProcessRequest? Request { get; }

    /// <inheritdoc />
    public override string Kind => "async-process";

    /// <summary>Polling defaults: every 10 s, up to a minute.</summary>
    protected override TaskPollingOptions DefaultPollingOptions { get; } = new() { InitialInterval = TimeSpan.FromSeconds(10), MaxInterval = TimeSpan.FromMinutes(1) };

    /// <summary>The output template with <c>&lt;REQUEST_ID&gt;</c> and <c>&lt;OUTPUT&gt;</c> (a plain prefix gets the documented default layout).</summary>
    public virtual string OutputTemplate
    {
        get
        {
            var url = Request?.Output?.Delivery?.S3?.Url ?? throw new InvalidOperationException("The request has no output.delivery.s3.url.");
            return url.Contains("<REQUEST_ID>", StringComparison.Ordinal) || url.Contains("<OUTPUT>", StringComparison.Ordinal) ? url : url.TrimEnd('/') + "/<REQUEST_ID>/<OUTPUT>";
        }
    }

    private SentinelHubProcessClient Client => _client ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <inheritdoc />
    protected override async ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken)
    {
        var status = await Client.GetAsyncStatusAsync(Id, cancellationToken).ConfigureAwait(false);
        if (status is not null)
        {
            return new ProviderTaskState { Status = SentinelHubStatusMapping.MapAsync(status.Status), ProviderStatus = status.Status ?? "RUNNING" };
        }

        return new ProviderTaskState
        {
            Status = ProviderTaskStatus.Succeeded,
            ProviderStatus = "NOT_RUNNING",
            Message = NotRunningMessage,
            AssetsAvailable = true,
            Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["outcome"] = "unconfirmed" },
        };
    }

    /// <summary>Checks the bucket: throws <see cref="ProviderTaskFailedException"/> when <c>error.json</c> exists, returns true when every output exists.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>True when all outputs are present; false when some are missing (still being written or never produced).</returns>
    public virtual async Task<bool> ConfirmOutcomeAsync(CancellationToken cancellationToken = default)
    {
        var storage = _storage ?? throw new InvalidOperationException("Confirming an Async outcome needs an ISentinelHubObjectStorage.");
        var expected = ExpectedOutputs().ToDictionary(u => u.OriginalString, StringComparer.Ordinal);
        var error = Object("error.json");
        var found = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var uri in storage.ListAsync(S3Path.ListPrefix(OutputTemplate.Replace("<REQUEST_ID>", Id, StringComparison.Ordinal)), cancellationToken).ConfigureAwait(false))
        {
            if (uri.OriginalString == error.OriginalString)
            {
                var location = await storage.PresignAsync(uri, cancellationToken).ConfigureAwait(false);
                throw new ProviderTaskFailedException(Provider, Id, ProviderTaskStatus.Failed, "NOT_RUNNING", $"The service wrote {uri} (download it for the reason; location {location}).");
            }

            found.Add(uri.OriginalString);
        }

        return expected.Keys.All(found.Contains);
    }

    /// <summary>The expected outputs (<c>&lt;identifier&gt;.&lt;ext&gt;</c> per response) as assets with <c>s3://</c> hrefs, presigned through the storage.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The assets.</returns>
    public override async IAsyncEnumerable<ImageryAsset> GetAssetsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        var resolver = _storage is null ? null : new ObjectStorageResolver(_storage, TimeProvider);
        var responses = Request?.Output?.Responses is { Count: > 0 } rs ? rs : [new ProcessResponseSpec()];
        foreach (var r in responses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = r.Identifier + SentinelHubFormats.ExtensionFor(r.Format?.Type);
            yield return new ImageryAsset
            {
                Provider = ProviderNames.SentinelHub,
                ProductId = Id,
                AssetKey = r.Identifier,
                MediaType = r.Format?.Type ?? SentinelHubFormats.Png,
                Href = Object(name),
                Resolver = resolver,
                SuggestedFileName = name,
                Roles = [AssetRoles.Data],
            };
        }
    }

    private IEnumerable<Uri> ExpectedOutputs()
    {
        var responses = Request?.Output?.Responses is { Count: > 0 } rs ? rs : [new ProcessResponseSpec()];
        return responses.Select(r => Object(r.Identifier + SentinelHubFormats.ExtensionFor(r.Format?.Type)));
    }

    private Uri Object(string output) => new(OutputTemplate.Replace("<REQUEST_ID>", Id, StringComparison.Ordinal).Replace("<OUTPUT>", output, StringComparison.Ordinal));
}
