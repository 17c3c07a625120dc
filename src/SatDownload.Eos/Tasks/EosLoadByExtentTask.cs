using System.Globalization;
using System.Runtime.CompilerServices;
using SatDownload.Eos.Assets;
using SatDownload.Eos.Models;

namespace SatDownload.Eos.Tasks;

/// <summary>
/// An EOS load-by-extent (<c>lbe</c>) task: polled through <c>GET /api/gdw/api/{task_id}</c> within the shared rate
/// limit, or completed from a callback payload. Create it with <see cref="EosClient.CreateLoadByExtentTaskAsync"/> or
/// rehydrate it with <see cref="EosClient.GetLoadByExtentTask"/>.
/// </summary>
/// <remarks>
/// The finished result may arrive as JSON with URL(s), as the file itself on the status call, or as a redirect; the task
/// records which (<see cref="ResultDelivery"/>) and <see cref="GetAssetsAsync"/> yields assets that the shared
/// shared downloader fetches in every case. Status mapping: see <see cref="EosTaskStatusMapper"/>.
/// </remarks>
public class EosLoadByExtentTask : ProviderTask
{
    /// <summary>The task kind used in rehydration tokens.</summary>
    public const string TaskKind = "lbe";

    private readonly EosClient _client;
    private readonly object _gate = new();
    private EosTaskObservation? _lastObservation;

    /// <summary>For mocking.</summary>
    protected EosLoadByExtentTask()
    {
        _client = null!;
    }

    internal EosLoadByExtentTask(EosClient client, string taskId, EosLoadByExtentTaskInfo info, EosTaskCreated? created, TimeProvider timeProvider)
        : base(ProviderNames.Eos, taskId, timeProvider, created is null ? null : StateFromCreated(created))
    {
        _client = client;
        Info = info;
        Created = created;
        if (created?.TaskTimeoutSeconds is { } timeout && timeout > 0)
        {
            TaskTimeout = TimeSpan.FromSeconds(timeout);
        }
    }

    /// <summary>What was requested (known when the task was created here or described at rehydration).</summary>
    public virtual EosLoadByExtentTaskInfo Info { get; } = new();

    /// <summary>The create response, when the task was created by this process.</summary>
    public virtual EosTaskCreated? Created { get; }

    /// <inheritdoc />
    public override string Kind => TaskKind;

    /// <summary>The task's <c>task_timeout</c>: after this long from creation a still-running task is reported failed.</summary>
    public virtual TimeSpan? TaskTimeout { get; }

    /// <summary>The result type predicted from the request by the documented rule, when the request is known.</summary>
    public virtual EosResultPrediction? PredictedResult =>
        Info.ViewId is { } view && Info.Bands.Count > 0 ? EosResultTypes.Predict(view, Info.Bands, Info.Merge, Info.Metadata) : null;

    /// <summary>How the result was delivered, once the task succeeded.</summary>
    public virtual EosResultDelivery ResultDelivery => Observation?.Delivery ?? EosResultDelivery.Unknown;

    /// <summary>The result type seen in the response (Content-Type or file name), once known.</summary>
    public virtual EosResultType ObservedResultType
    {
        get
        {
            var o = Observation;
            if (o is null)
            {
                return EosResultType.Unknown;
            }

            return o.Delivery == EosResultDelivery.InlineBinary
                ? EosResultTypes.FromResponse(o.ContentType, o.FileName)
                : o.ResultUrls.Count == 1 ? EosResultTypes.FromResponse(null, o.ResultUrls[0].AbsolutePath) : EosResultType.Unknown;
        }
    }

    /// <summary>The number of result files, once the task succeeded.</summary>
    public virtual int ResultCount => Observation switch
    {
        null => 0,
        { Delivery: EosResultDelivery.InlineBinary } => 1,
        var o => o.ResultUrls.Count,
    };

    /// <summary>The raw status JSON of the last JSON observation (or callback), if any.</summary>
    public virtual EosTaskStatusResponse? LastStatusResponse => Observation?.Json;

    /// <summary>The default polling for EOS: <see cref="EosClientOptions.PollInterval"/> growing to <see cref="EosClientOptions.MaxPollInterval"/>, bounded by <see cref="TaskTimeout"/>.</summary>
    protected override TaskPollingOptions DefaultPollingOptions => _client is null
        ? new TaskPollingOptions()
        : new TaskPollingOptions
        {
            InitialInterval = _client.Settings.PollInterval,
            MaxInterval = _client.Settings.MaxPollInterval,
            // A little past task_timeout, so that the poll after it reports the task failed rather than a wait timeout.
            Timeout = TaskTimeout is { } t ? t + _client.Settings.MaxPollInterval + _client.Settings.MaxPollInterval : null,
        };

    private EosTaskObservation? Observation
    {
        get
        {
            lock (_gate)
            {
                return _lastObservation;
            }
        }
    }

    /// <summary>
    /// Completes (or advances) the task from a callback payload that the caller's own endpoint received from EOS. The
    /// payload is read like a status answer (<c>status</c>, <c>task_id</c>, <c>result</c>/<c>result_url</c>).
    /// </summary>
    /// <param name="payload">The raw JSON body EOS posted to the callback URL.</param>
    /// <returns>The unified status after applying it.</returns>
    /// <exception cref="ArgumentException">The payload is not JSON or names another task.</exception>
    public virtual ProviderTaskStatus ApplyCallback(string payload)
    {
        var parsed = EosClient.ParseCallback(payload);
        return ApplyCallback(parsed);
    }

    /// <summary>Completes (or advances) the task from an already parsed callback payload.</summary>
    /// <param name="payload">The payload.</param>
    /// <returns>The unified status after applying it.</returns>
    /// <exception cref="ArgumentException">The payload names another task.</exception>
    public virtual ProviderTaskStatus ApplyCallback(EosTaskStatusResponse payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.TaskId is { } id && !string.Equals(id, Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The callback payload is for task '{id}', not '{Id}'; route it to that task (EosClient.GetLoadByExtentTask(\"{id}\")).", nameof(payload));
        }

        var observation = new EosTaskObservation
        {
            Delivery = payload.GetResultUrls().Count > 0 ? EosResultDelivery.ResultUrls : EosResultDelivery.Unknown,
            Json = payload,
            ResultUrls = payload.GetResultUrls(),
        };
        var state = ToState(observation);
        lock (_gate)
        {
            _lastObservation = observation;
        }

        ApplyState(state);
        return state.Status;
    }

    /// <summary>
    /// Lists the result file(s) as assets for <c>AssetDownloader</c>. Polls once when the task is not known to have
    /// succeeded yet.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One asset per result file.</returns>
    /// <exception cref="InvalidOperationException">The task has not succeeded.</exception>
    public override async IAsyncEnumerable<ImageryAsset> GetAssetsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Status != ProviderTaskStatus.Succeeded || Observation is not { Delivery: not EosResultDelivery.Unknown })
        {
            await UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        }

        var observation = Observation;
        if (Status != ProviderTaskStatus.Succeeded || observation is null || observation.Delivery == EosResultDelivery.Unknown)
        {
            throw new InvalidOperationException(
                $"EOS task '{Id}' has no result to download: it is {Status} (EOS status '{ProviderStatus ?? "unknown"}'){(StatusMessage is null ? string.Empty : ": " + StatusMessage)}. Wait with WaitForCompletionAsync first.");
        }

        foreach (var asset in BuildAssets(observation))
        {
            yield return asset;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<ProviderTaskState> FetchStateAsync(CancellationToken cancellationToken)
    {
        var observation = await _client.ObserveTaskAsync(Id, cancellationToken).ConfigureAwait(false);
        var state = ToState(observation);
        lock (_gate)
        {
            _lastObservation = observation;
        }

        return state;
    }

    internal EosTaskObservation? LastObservation => Observation;

    internal void Remember(EosTaskObservation observation)
    {
        lock (_gate)
        {
            _lastObservation = observation;
        }
    }

    private static ProviderTaskState StateFromCreated(EosTaskCreated created) => new()
    {
        Status = EosTaskStatusMapper.Map(created.Status),
        ProviderStatus = created.Status,
    };

    private ProviderTaskState ToState(EosTaskObservation observation)
    {
        if (observation.Delivery is EosResultDelivery.InlineBinary or EosResultDelivery.Redirect)
        {
            return new ProviderTaskState
            {
                Status = ProviderTaskStatus.Succeeded,
                ProviderStatus = "success",
                PercentComplete = 100,
                Properties = Props(observation),
            };
        }

        var json = observation.Json;
        var raw = json?.Status;
        if (!EosTaskStatusMapper.IsKnown(raw))
        {
            _client?.ReportUnknownStatus(Id, raw);
        }

        var status = EosTaskStatusMapper.Map(raw);
        string? message = json?.DescribeErrors();
        if (status == ProviderTaskStatus.Succeeded && observation.ResultUrls.Count == 0)
        {
            // A success without any location to fetch is not usable output.
            status = ProviderTaskStatus.Failed;
            message = "EOS reported success but gave no result URL, file or redirect" + (message is null ? "." : ": " + message);
        }

        if (!status.IsTerminal() && TaskTimeout is { } timeout && Info.CreatedAt is { } createdAt &&
            TimeProvider.GetUtcNow() - createdAt > timeout)
        {
            status = ProviderTaskStatus.Failed;
            message = string.Create(CultureInfo.InvariantCulture, $"The task is still '{raw}' after its task_timeout of {timeout.TotalSeconds:0} s; EOS will not finish it. Create a new task.");
        }

        return new ProviderTaskState
        {
            Status = status,
            ProviderStatus = raw,
            PercentComplete = status == ProviderTaskStatus.Succeeded ? 100 : null,
            Message = message,
            SuggestedPollDelay = observation.RetryAfter,
            Properties = Props(observation),
        };
    }

    private static Dictionary<string, string> Props(EosTaskObservation o)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal) { ["delivery"] = o.Delivery.ToString() };
        if (o.Json?.RequestId is { } req)
        {
            props["req_id"] = req;
        }

        return props;
    }

    private IEnumerable<ImageryAsset> BuildAssets(EosTaskObservation observation)
    {
        var prediction = PredictedResult;
        var baseName = SafeFileStem(Info.Reference) ?? Id;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["task_id"] = Id,
            ["delivery"] = observation.Delivery.ToString(),
        };
        if (Info.ViewId is { } viewId)
        {
            properties["view_id"] = viewId;
        }

        if (Info.Reference is { } reference)
        {
            properties["reference"] = reference;
        }

        if (Info.Bands.Count > 0)
        {
            properties["bands"] = string.Join(",", Info.Bands);
        }

        if (prediction is { } p)
        {
            properties["predicted_type"] = p.Type.ToString();
        }

        if (observation.Delivery == EosResultDelivery.InlineBinary)
        {
            var observed = EosResultTypes.FromResponse(observation.ContentType, observation.FileName);
            var type = observed != EosResultType.Unknown ? observed : prediction?.Type ?? EosResultType.Unknown;
            properties["observed_type"] = observed.ToString();
            yield return new ImageryAsset
            {
                Provider = ProviderNames.Eos,
                ProductId = Id,
                AssetKey = "result",
                Title = $"EOS load-by-extent result of task {Id}",
                MediaType = observation.ContentType ?? EosResultTypes.MediaTypeOf(type),
                Roles = [AssetRoles.Data],
                Href = _client.TaskStatusUri(Id),
                Size = observation.ContentLength,
                SuggestedFileName = FileName(observation.FileName, baseName, type),
                Resolver = new EosResultResolver(_client, this, 0, TimeProvider),
                Properties = properties,
            };
            yield break;
        }

        for (var i = 0; i < observation.ResultUrls.Count; i++)
        {
            var url = observation.ResultUrls[i];
            var observed = EosResultTypes.FromResponse(null, url.AbsolutePath);
            var type = observed != EosResultType.Unknown ? observed : observation.ResultUrls.Count == 1 ? prediction?.Type ?? EosResultType.Unknown : EosResultType.Unknown;
            var urlName = Uri.UnescapeDataString(url.AbsolutePath.TrimEnd('/').Split('/')[^1]);
            var stem = observation.ResultUrls.Count == 1 ? baseName : string.Create(CultureInfo.InvariantCulture, $"{baseName}-{i + 1}");
            yield return new ImageryAsset
            {
                Provider = ProviderNames.Eos,
                ProductId = Id,
                AssetKey = observation.ResultUrls.Count == 1 ? "result" : string.Create(CultureInfo.InvariantCulture, $"result-{i + 1}"),
                Title = $"EOS load-by-extent result of task {Id}",
                MediaType = EosResultTypes.MediaTypeOf(type),
                Roles = [AssetRoles.Data],
                Href = url,
                SuggestedFileName = observation.ResultUrls.Count > 1 && Path.HasExtension(urlName) ? urlName : FileName(null, stem, type),
                Resolver = new EosResultResolver(_client, this, i, TimeProvider),
                Properties = new Dictionary<string, string>(properties, StringComparer.Ordinal) { ["observed_type"] = observed.ToString() },
            };
        }
    }

    private static string FileName(string? given, string stem, EosResultType type)
    {
        if (!string.IsNullOrWhiteSpace(given) && Path.GetFileName(given) is { Length: > 0 } name && Path.HasExtension(name))
        {
            return name;
        }

        return stem + EosResultTypes.ExtensionOf(type);
    }

    private static string? SafeFileStem(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var invalid = Path.GetInvalidFileNameChars();
        var chars = reference.Select(c => invalid.Contains(c) || c == '/' || c == '\\' || char.IsWhiteSpace(c) ? '_' : c).ToArray();
        return new string(chars);
    }
}
