using System.Diagnostics;

namespace SatDownload.Reliability.Tests.Crash;

/// <summary>Starts tests/SatDownload.CrashHost (built beside this project with the same configuration and framework).</summary>
internal static class CrashHost
{
    public static Process Start(Uri providerUri, string destination)
    {
        // Test output: tests/SatDownload.Reliability.Tests/bin/<configuration>/<tfm>/; the host builds beside it.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        var testsRoot = output.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(testsRoot, "SatDownload.CrashHost", "bin", configuration, tfm, "SatDownload.CrashHost.dll");
        Assert.True(File.Exists(dll), $"The crash host was not built at '{dll}'.");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(providerUri.ToString());
        start.ArgumentList.Add(destination);

        // Start-up time dominates 21 runs: skip tiered-compilation's instrumentation.
        start.Environment["DOTNET_TieredPGO"] = "0";
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash host.");
    }
}
