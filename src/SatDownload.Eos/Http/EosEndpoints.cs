namespace SatDownload.Eos.Http;

/// <summary>
/// The EOS endpoints, named as the client's operations (method + path template). EOS limits requests per endpoint and
/// key; <see cref="EosClientOptions.EndpointRequestsPerMinute"/> uses these names to give one endpoint its own limit.
/// </summary>
public static class EosEndpoints
{
    /// <summary>Task creation, <c>POST /api/gdw/api</c>.</summary>
    public const string CreateTask = "POST /" + EosClient.TaskEndpoint;

    /// <summary>Task status (and inline result download), <c>GET /api/gdw/api/{task_id}</c>.</summary>
    public const string TaskStatus = EosClient.StatusOperation;

    /// <summary>Scene search in one dataset, <c>POST /api/lms/search/v2/{dataset}</c>.</summary>
    public const string SearchDataset = "POST /" + EosClient.SearchEndpoint + "/{dataset}";

    /// <summary>Scene search across datasets, <c>POST /api/lms/search/v2</c>.</summary>
    public const string SearchMultiDataset = "POST /" + EosClient.SearchEndpoint;

    /// <summary>Every endpoint name.</summary>
    public static IReadOnlyList<string> All { get; } = [CreateTask, TaskStatus, SearchDataset, SearchMultiDataset];
}
