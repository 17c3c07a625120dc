using SatDownload.Benchmarks;

// Modes: "download" (the benchmark), "serve" (the loopback server, started by "download" in its own process),
// "case <contender> <baseUrl> <workDir>" (one measured run, started by "download" in its own process).
switch (args.FirstOrDefault())
{
    case "serve":
        await BenchmarkServer.RunAsync();
        return 0;
    case "case" when args.Length == 4:
        return await CaseRunner.RunAsync(args[1], args[2], args[3]);
    case "download":
        return await DownloadBenchmark.RunAsync(args.Skip(1).ToArray());
    case "soak":
        return await SatDownload.Benchmarks.Soak.SoakBenchmark.RunAsync(args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine("usage: SatDownload.Benchmarks download [--runs N] [--scenarios 1,2,3,4]");
        return 2;
}
