using SatDownload.Eos.Models;

namespace SatDownload.Eos.Tasks;

/// <summary>One answer of <c>GET /api/gdw/api/{task_id}</c>, whichever form it took.</summary>
internal sealed class EosTaskObservation
{
    public required EosResultDelivery Delivery { get; init; }

    /// <summary>The JSON body, when the answer was JSON.</summary>
    public EosTaskStatusResponse? Json { get; init; }

    /// <summary>Result locations: the JSON URLs, or the redirect target.</summary>
    public IReadOnlyList<Uri> ResultUrls { get; init; } = Array.Empty<Uri>();

    /// <summary>The Content-Type of an inline file.</summary>
    public string? ContentType { get; init; }

    /// <summary>The file name from Content-Disposition, when given.</summary>
    public string? FileName { get; init; }

    /// <summary>The Content-Length of an inline file.</summary>
    public long? ContentLength { get; init; }

    /// <summary>The Retry-After on the status answer, when given.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
