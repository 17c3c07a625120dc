using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SatDownload.Diagnostics;

/// <summary>
/// The telemetry names SatDownload emits, for OpenTelemetry and <c>dotnet-counters</c>: one <see cref="ActivitySource"/> and
/// one <see cref="Meter"/>, both named <c>SatDownload</c>.
/// </summary>
public static class SatDownloadDiagnostics
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "SatDownload";

    /// <summary>The activity source: one activity per asset download, per provider call and per task wait.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(SatDownloadDiagnostics).Assembly.GetName().Version?.ToString());

    /// <summary>The meter.</summary>
    public static readonly Meter Meter = new(Name, typeof(SatDownloadDiagnostics).Assembly.GetName().Version?.ToString());

    /// <summary>Bytes written to disk by the downloader (<c>satdownload.download.bytes</c>), tagged with <c>provider</c>.</summary>
    public static readonly Counter<long> BytesDownloaded = Meter.CreateCounter<long>("satdownload.download.bytes", "By", "Bytes written to disk by the downloader.");

    /// <summary>Assets completed (<c>satdownload.download.files</c>), tagged with <c>provider</c> and <c>outcome</c> (succeeded, skipped, failed).</summary>
    public static readonly Counter<long> FilesCompleted = Meter.CreateCounter<long>("satdownload.download.files", "{file}", "Assets finished by the downloader.");

    /// <summary>Download retries (<c>satdownload.download.retries</c>), tagged with <c>provider</c> and <c>reason</c>.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("satdownload.download.retries", "{retry}", "Download attempts retried after a fault.");

    /// <summary>Resumed downloads (<c>satdownload.download.resumes</c>), tagged with <c>provider</c>.</summary>
    public static readonly Counter<long> Resumes = Meter.CreateCounter<long>("satdownload.download.resumes", "{resume}", "Downloads continued from a partial file.");

    /// <summary>Failed downloads (<c>satdownload.download.failures</c>), tagged with <c>provider</c>.</summary>
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("satdownload.download.failures", "{failure}", "Assets that could not be downloaded.");

    /// <summary>Provider HTTP requests (<c>satdownload.http.requests</c>), tagged with <c>provider</c> and <c>status</c>.</summary>
    public static readonly Counter<long> HttpRequests = Meter.CreateCounter<long>("satdownload.http.requests", "{request}", "HTTP requests sent to providers.");

    /// <summary>Provider HTTP retries (<c>satdownload.http.retries</c>), tagged with <c>provider</c> and <c>status</c>.</summary>
    public static readonly Counter<long> HttpRetries = Meter.CreateCounter<long>("satdownload.http.retries", "{retry}", "HTTP requests retried by the resilience handler.");

    /// <summary>Provider HTTP request duration (<c>satdownload.http.duration</c>) in seconds.</summary>
    public static readonly Histogram<double> HttpDuration = Meter.CreateHistogram<double>("satdownload.http.duration", "s", "Duration of provider HTTP requests.");
}
