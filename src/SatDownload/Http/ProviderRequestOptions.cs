namespace SatDownload.Http;

/// <summary>
/// Keys adapters put into <see cref="HttpRequestMessage.Options"/> so the shared handlers can name the call and charge its
/// cost without parsing URLs.
/// </summary>
public static class ProviderRequestOptions
{
    /// <summary>The call as method + path template, for example <c>GET /api/v1/tasks/{id}</c>; used in logs and errors.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("SatDownload.Operation");

    /// <summary>The cost of the call in the provider's unit (for example Sentinel Hub processing units), charged by <see cref="RateLimitingHandler"/>.</summary>
    public static readonly HttpRequestOptionsKey<double> Cost = new("SatDownload.Cost");

    /// <summary>Sets <see cref="Operation"/> on a request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="operation">Method + path template.</param>
    /// <returns>The same request, for chaining.</returns>
    public static HttpRequestMessage WithOperation(this HttpRequestMessage request, string operation)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Operation, operation);
        return request;
    }

    /// <summary>Sets <see cref="Cost"/> on a request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cost">The cost units this call consumes.</param>
    /// <returns>The same request, for chaining.</returns>
    public static HttpRequestMessage WithCost(this HttpRequestMessage request, double cost)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (double.IsNaN(cost) || double.IsInfinity(cost) || cost < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cost), cost, "The cost must be a finite, non-negative number.");
        }

        request.Options.Set(Cost, cost);
        return request;
    }

    /// <summary>
    /// The operation name of a request: the <see cref="Operation"/> option when set, otherwise method + path (never the query).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>For example <c>POST /api/v1/process</c>.</returns>
    public static string GetOperation(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return string.Empty;
        }

        if (request.Options.TryGetValue(Operation, out var operation) && !string.IsNullOrEmpty(operation))
        {
            return operation;
        }

        var path = request.RequestUri is null ? string.Empty
            : request.RequestUri.IsAbsoluteUri ? request.RequestUri.AbsolutePath
            : request.RequestUri.OriginalString.Split('?', '#')[0];
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        return request.Method.Method + " " + Redactor.Redact(path);
    }
}
