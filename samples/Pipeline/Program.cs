using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SatDownload.Samples.Pipeline;
using SatDownload.Samples.Pipeline.Jobs;
using SatDownload.Testing;

// A Generic Host worker that runs the download jobs of appsettings.json (Pipeline:Jobs) and exits.
//
//   dotnet run --project samples/Pipeline                                   # against in-process emulators (default)
//   dotnet run --project samples/Pipeline -- --Pipeline:UseEmulators=false  # real services, SATDOWNLOAD_* credentials
//
// Ctrl+C stops cleanly; starting again resumes every unfinished job from the destination's journal.
// appsettings.json sits beside the program, whatever the working directory (destinations are relative to the latter).
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var settings = builder.Configuration.GetSection("Pipeline").Get<PipelineSettings>() ?? new PipelineSettings();

ProviderEmulator? emulator = null;
if (settings.UseEmulators)
{
    (emulator, var emulatorConfiguration) = await EmulatedProviders.StartAsync();
    builder.Configuration.AddInMemoryCollection(emulatorConfiguration);

    // Registered before AddSatDownload, which then keeps it: polling and signed-URL expiry follow the emulators' clock.
    builder.Services.AddSingleton<TimeProvider>(emulator.Clock);
}

builder.Services.Configure<PipelineSettings>(builder.Configuration.GetSection("Pipeline"));
builder.Services.AddSatDownload(builder.Configuration.GetSection("SatDownload"))
    .AddSentinelHub(builder.Configuration.GetSection("SentinelHub"))
    .AddIceye(builder.Configuration.GetSection("Iceye"))
    .AddCapella(builder.Configuration.GetSection("Capella"))
    .AddEos(builder.Configuration.GetSection("Eos"))
    .AddClearSky(builder.Configuration.GetSection("ClearSky"))
    .AddSatDownloadClient();
builder.Services.AddHostedService<DownloadWorker>();

try
{
    using var host = builder.Build();
    await host.RunAsync();
}
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
