using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SatDownload.Samples.Pipeline.Jobs;

namespace SatDownload.Samples.Pipeline;

/// <summary>
/// Runs the configured jobs one after the other through the shared <see cref="SatDownloadClient"/>, then stops the host.
/// Ctrl+C (or SIGTERM) cancels the running job: the destination's journal keeps the task id and each file's state, the
/// partial files stay as <c>.part</c>, and the next start resumes them without ordering again.
/// </summary>
internal sealed partial class DownloadWorker(
    SatDownloadClient client,
    IOptions<PipelineSettings> settings,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<DownloadWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            foreach (var job in settings.Value.Jobs)
            {
                stoppingToken.ThrowIfCancellationRequested();
                failures += await RunJobAsync(job, stoppingToken) ? 0 : 1;
            }

            LogAllDone(logger, settings.Value.Jobs.Count, failures);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(logger);
            failures++;
        }
        finally
        {
            Environment.ExitCode = failures == 0 ? 0 : 1;
            lifetime.StopApplication();
        }
    }

    private async Task<bool> RunJobAsync(DownloadJob job, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("job {Job}", job.Name);
        ImageryRequest request;
        try
        {
            request = JobRequestFactory.Create(job, clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or SatDownloadException)
        {
            LogBadJob(logger, job.Name, ex.Message);
            return false;
        }

        var options = DownloadOptions.Default with { Budget = job.ToBudget() };
        var lastPhase = (SatDownloadPhase)(-1);
        var progress = new InlineProgress(p =>
        {
            if (p.Phase != lastPhase && p.Download is null)
            {
                lastPhase = p.Phase;
                LogPhase(logger, job.Name, p.Provider, p.Phase, p.TaskId);
            }
        });

        try
        {
            LogStarting(logger, job.Name, request.ToString() ?? job.Provider, Path.GetFullPath(job.Destination));
            var result = await client.DownloadAsync(request, job.Destination, options, progress, cancellationToken);
            foreach (var file in result.Downloads.Where(d => !d.Succeeded))
            {
                LogFileFailed(logger, job.Name, file.Asset.Identity, file.Exception?.Message ?? "unknown error");
            }

            LogFinished(logger, job.Name, result.Downloads.Count(d => d.Succeeded), result.Downloads.Count, result.BytesWritten, result.TaskId, result.ResumedFromJournal, result.ManifestPath ?? "(none)");
            return result.Succeeded;
        }
        catch (JournaledTaskNotFoundException ex) when (settings.Value.UseEmulators)
        {
            // In-process emulators start empty, so a task journaled by an earlier process is unknown to them. A real
            // provider keeps its tasks: there this error deserves a human look, so it is not handled that way.
            LogEmulatorForgot(logger, job.Name, ex.TaskId ?? "(unknown)");
            var journal = DownloadJournal.Open(job.Destination);
            journal.Remove(request.GetFingerprint());
            await journal.SaveAsync(cancellationToken);
            return await RunJobAsync(job, cancellationToken);
        }
        catch (SatDownloadException ex)
        {
            LogJobFailed(logger, job.Name, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Job {Job}: {Request} into {Destination}")]
    private static partial void LogStarting(ILogger logger, string job, string request, string destination);

    [LoggerMessage(2, LogLevel.Debug, "Job {Job}: {Provider} {Phase} {TaskId}")]
    private static partial void LogPhase(ILogger logger, string job, string provider, SatDownloadPhase phase, string? taskId);

    [LoggerMessage(3, LogLevel.Information, "Job {Job}: {Succeeded}/{Total} files, {Bytes} bytes, task {TaskId} (resumed from journal: {Resumed}), STAC catalog {Catalog}")]
    private static partial void LogFinished(ILogger logger, string job, int succeeded, int total, long bytes, string taskId, bool resumed, string catalog);

    [LoggerMessage(4, LogLevel.Error, "Job {Job}: {File} failed: {Error}")]
    private static partial void LogFileFailed(ILogger logger, string job, string file, string error);

    [LoggerMessage(5, LogLevel.Error, "Job {Job} failed ({Type}): {Error}")]
    private static partial void LogJobFailed(ILogger logger, string job, string type, string error);

    [LoggerMessage(6, LogLevel.Error, "Job {Job} is misconfigured: {Error}")]
    private static partial void LogBadJob(ILogger logger, string job, string error);

    [LoggerMessage(7, LogLevel.Warning, "Stopped before the jobs finished. The journal and the .part files keep the state: start again to resume without ordering twice.")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(8, LogLevel.Information, "{Count} jobs done, {Failures} failed")]
    private static partial void LogAllDone(ILogger logger, int count, int failures);

    [LoggerMessage(9, LogLevel.Warning, "Job {Job}: the journaled task {TaskId} is unknown to this process's fresh emulator; ordering again")]
    private static partial void LogEmulatorForgot(ILogger logger, string job, string taskId);

    private sealed class InlineProgress(Action<SatDownloadProgress> report) : IProgress<SatDownloadProgress>
    {
        public void Report(SatDownloadProgress value) => report(value);
    }
}
