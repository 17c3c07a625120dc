using System.Diagnostics;

namespace SatDownload.TestSupport;

/// <summary>
/// Starts tests/SatDownload.CrashHost (a test project references it with <c>ReferenceOutputAssembly="false"</c>, so it
/// builds beside the test project with the same configuration and framework), the child process that crash tests kill
/// mid-download. Linked into each test project that needs it.
/// </summary>
internal static class CrashHostProcess
{
    public static Process Start(Uri providerUri, string destination)
    {
        // Test output: tests/<TestProject>/bin/<configuration>/<tfm>/; the host builds beside it with the same pair.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        var testsRoot = output.Parent.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(testsRoot, "SatDownload.CrashHost", "bin", configuration, tfm, "SatDownload.CrashHost.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The crash host was not built at '{dll}': reference tests/SatDownload.CrashHost from the test project.");
        }

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

        // Start-up time dominates tests that start many hosts: skip tiered compilation's instrumentation.
        start.Environment["DOTNET_TieredPGO"] = "0";
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash host.");
    }
}
