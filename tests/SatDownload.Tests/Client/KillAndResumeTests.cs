using System.Diagnostics;
using System.Globalization;
using SatDownload.TestSupport;

namespace SatDownload.Tests.Client;

/// <summary>
/// Issue 9's kill test: a child process (tests/SatDownload.CrashHost) runs the flow and is killed mid-download; running
/// the same request again resumes the task by id, orders nothing, and finishes byte-identical files.
/// </summary>
public class KillAndResumeTests
{
    [Fact]
    public async Task Child_killed_mid_download_then_rerun_resumes_the_task_and_the_partial_file()
    {
        await using var h = await FlowHarness.StartAsync();
        h.FakeSat.ReadyAfter = TimeSpan.Zero; // The child polls in real time; the emulator's clock lives here.
        var pace = h.Emulator.Faults.OnBlob(FakeSatEmulator.AnalyticBlob).PaceBody(500_000);
        var killAt = h.FakeSat.VisualBytes.Length + 700_000L;

        using var child = CrashHostProcess.Start(h.Emulator.GetProviderUri(h.FakeSat), h.Directory);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new Xunit.Sdk.XunitException("The child exited before reaching the kill point: " + await child.StandardError.ReadToEndAsync());
                Assert.NotEqual("done", line);
                if (line.StartsWith("bytes ", StringComparison.Ordinal) && long.Parse(line[6..], CultureInfo.InvariantCulture) >= killAt)
                {
                    break;
                }
            }

            // Let a checkpoint record the bytes, then kill without any chance to clean up.
            await Task.Delay(250);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(1, h.TaskCreations);
        var killed = Assert.Single(DownloadJournal.Open(h.Directory).Entries);
        Assert.Equal("task-1", killed.TaskId);
        Assert.Equal(JournalEntryStatus.Downloading, killed.Status);
        Assert.True(File.Exists(h.AnalyticPath + ".part"));
        Assert.False(File.Exists(h.AnalyticPath));
        Assert.True(File.Exists(Path.Combine(h.Directory, ".satdownload", "lock.owner")), "the killed child could not remove its lock note");

        // The child's broken request is logged once the server notices the dead connection; count it as the first run's.
        await h.Emulator.Requests.WaitForAsync(r => r.Path == "/signed/" + FakeSatEmulator.AnalyticBlob && r.Aborted, TimeSpan.FromSeconds(10));
        pace.Remove();
        var analyticBytesBefore = h.Emulator.Requests.ForBlob(FakeSatEmulator.AnalyticBlob).Sum(r => r.BytesSent);
        var result = await h.CreateClient().DownloadAsync(new FakeSatRequest(), h.Directory, FlowHarness.Fast with { MaxConnectionsPerFile = 1 });

        Assert.True(result.Succeeded);
        Assert.True(result.ResumedFromJournal);
        Assert.Equal(1, h.TaskCreations);
        Assert.True(result.Downloads.Single(d => d.Asset.AssetKey == "analytic").Resumed);
        var secondRunBytes = h.Emulator.Requests.ForBlob(FakeSatEmulator.AnalyticBlob).Sum(r => r.BytesSent) - analyticBytesBefore;
        Assert.InRange(secondRunBytes, 1, h.FakeSat.AnalyticBytes.Length - 500_000);
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.AnalyticBytes), FlowHarness.Sha256OfFile(h.AnalyticPath));
        Assert.Equal(FlowHarness.Sha256(h.FakeSat.VisualBytes), FlowHarness.Sha256OfFile(h.VisualPath));
        Assert.Equal(JournalEntryStatus.Completed, Assert.Single(DownloadJournal.Open(h.Directory).Entries).Status);
    }
}
