using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SatDownload.Testing;

/// <summary>
/// An in-process HTTP server (Kestrel on <c>127.0.0.1</c>, an ephemeral port) that hosts provider emulators, a
/// range-capable <see cref="EmulatorBlobStore"/>, a <see cref="FaultInjector"/>, a <see cref="RequestLog"/> and a
/// <see cref="VirtualClock"/>, so SatDownload pipelines (yours included) can be tested offline over real HTTP.
/// </summary>
/// <remarks>
/// <para><b>SatDownload.Testing in brief.</b></para>
/// <list type="bullet">
/// <item><description><see cref="ProviderEmulator"/>: the host. Add provider emulators through
/// <see cref="ProviderEmulatorOptions.Providers"/> (each an <see cref="IEmulatedProvider"/> owning routes under its base
/// path), point clients at <see cref="GetProviderUri"/>.</description></item>
/// <item><description><see cref="EmulatorBlobStore"/> (<see cref="Blobs"/>): files with real download semantics (ranges,
/// validators, signed expiring URLs); <see cref="GeneratedContent"/> gives expected bytes and SHA-256 of generated
/// blobs; <see cref="GeoTiffWriter"/> makes real georeferenced imagery to store in it.</description></item>
/// <item><description><see cref="FaultInjector"/> (<see cref="Faults"/>): 429/5xx with <c>Retry-After</c>, resets,
/// truncations, slow or hung responses, content changing between requests.</description></item>
/// <item><description><see cref="VirtualClock"/> (<see cref="Clock"/>): deterministic time for expiry and provider state
/// machines; give the client under test the same clock.</description></item>
/// <item><description><see cref="RequestLog"/> (<see cref="Requests"/>): what the client actually sent, redacted.</description></item>
/// </list>
/// <para>Starting one takes a few tens of milliseconds; create one per test class or per test. Several emulators can
/// run at once in one process (each has its own port, clock, store, faults and log).</para>
/// <code>
/// await using var emulator = await ProviderEmulator.StartAsync();
/// emulator.Blobs.PutGenerated("scene.tif", length: 5_000_000, seed: 7);
/// emulator.Faults.OnBlob("scene.tif").TruncateBody(1_000_000);
/// var url = emulator.Blobs.GetSignedUrl("scene.tif", TimeSpan.FromMinutes(10));
/// // ... download url with the client under test, then:
/// Assert.Equal(GeneratedContent.ComputeSha256Hex(7, 5_000_000), result.Sha256);
/// Assert.Equal(2, emulator.Requests.ForBlob("scene.tif").Count);
/// </code>
/// </remarks>
public sealed class ProviderEmulator : IAsyncDisposable
{
    /// <summary>The <see cref="RequestLogEntry.Provider"/> value of blob store requests.</summary>
    public const string BlobStoreProviderName = "blobs";

    private readonly IReadOnlyList<IEmulatedProvider> _providers;
    private readonly ProviderEmulatorOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private Uri? _baseUri;
    private long _sequence;
    private int _disposed;

    private ProviderEmulator(ProviderEmulatorOptions options)
    {
        _options = options;
        _providers = options.Providers.ToArray();
        Clock = options.Clock ?? new VirtualClock();
        Blobs = new EmulatorBlobStore(this);
        Faults = new FaultInjector();
        Requests = new RequestLog();
    }

    /// <summary>The root of the server, <c>http://127.0.0.1:&lt;port&gt;/</c> (with a trailing slash).</summary>
    public Uri BaseUri => _baseUri ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>The virtual clock: signed-URL expiry, blob <c>Last-Modified</c>, log timestamps and provider state machines run on it.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The blob store served at <c>/blobs/</c> and <c>/signed/</c>.</summary>
    public EmulatorBlobStore Blobs { get; }

    /// <summary>Scripted faults for every route.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Every request answered, redacted.</summary>
    public RequestLog Requests { get; }

    /// <summary>The hosted provider emulators.</summary>
    public IReadOnlyList<IEmulatedProvider> Providers => _providers;

    /// <summary>How long the last <see cref="StartAsync"/> of this instance took (wall-clock).</summary>
    public TimeSpan StartupDuration { get; private set; }

    /// <summary>Starts an emulator on <c>127.0.0.1</c> with an ephemeral port.</summary>
    /// <param name="options">Providers, clock and extra routes; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop the server.</returns>
    public static async Task<ProviderEmulator> StartAsync(ProviderEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProviderEmulatorOptions();
        ValidateProviders(options.Providers);
        var emulator = new ProviderEmulator(options);
        try
        {
            await emulator.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Returns the hosted provider of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The provider emulator type.</typeparam>
    /// <returns>The provider.</returns>
    /// <exception cref="InvalidOperationException">No provider of that type is hosted.</exception>
    public T GetProvider<T>()
        where T : IEmulatedProvider =>
        _providers.OfType<T>().FirstOrDefault() ??
        throw new InvalidOperationException($"This emulator hosts no {typeof(T).Name}; add one to ProviderEmulatorOptions.Providers.");

    /// <summary>The base URI of a hosted provider, <c>{BaseUri}{basePath}/</c>, to point a client at.</summary>
    /// <param name="provider">A hosted provider.</param>
    /// <returns>The absolute URI with a trailing slash.</returns>
    public Uri GetProviderUri(IEmulatedProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new Uri(BaseUri, provider.BasePath.TrimStart('/') + "/");
    }

    /// <summary>The base URI of the hosted provider of type <typeparamref name="T"/>, <c>{BaseUri}{basePath}/</c>.</summary>
    /// <typeparam name="T">The provider emulator type.</typeparam>
    /// <returns>The absolute URI with a trailing slash.</returns>
    /// <exception cref="InvalidOperationException">No provider of that type is hosted.</exception>
    public Uri GetProviderUri<T>()
        where T : IEmulatedProvider => GetProviderUri(GetProvider<T>());

    /// <summary>Stops the server: hung requests are released, in-flight requests get <see cref="ProviderEmulatorOptions.ShutdownTimeout"/> to finish.</summary>
    /// <returns>A task that completes when the server is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(_options.ShutdownTimeout);
            try
            {
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Shutdown timeout: Kestrel has aborted the remaining connections, which is what we want.
            }

            await _app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => _baseUri is null ? "ProviderEmulator (not started)" : $"ProviderEmulator {_baseUri}";

    internal CancellationToken Stopping => _stopping.Token;

    private static void ValidateProviders(IList<IEmulatedProvider> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in providers)
        {
            if (provider is null)
            {
                throw new ArgumentException("ProviderEmulatorOptions.Providers contains a null entry.", nameof(providers));
            }

            var path = provider.BasePath;
            if (string.IsNullOrEmpty(path) || !path.StartsWith('/') || path.EndsWith('/') || path.Length < 2)
            {
                throw new ArgumentException($"Provider '{provider.Name}' has base path '{path}'; use a path like '/iceye' (leading '/', no trailing '/').", nameof(providers));
            }

            if (path.Equals("/blobs", StringComparison.OrdinalIgnoreCase) || path.Equals("/signed", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"Provider '{provider.Name}' uses base path '{path}', which the blob store owns; pick another.", nameof(providers));
            }

            if (!seen.Add(path))
            {
                throw new ArgumentException($"Two providers use base path '{path}'; each provider needs its own.", nameof(providers));
            }
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ProviderEmulator).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;

            // Pacing faults send a few bytes per second on purpose; Kestrel must not kill such responses itself.
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
        });
        builder.Services.AddRoutingCore();
        _options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        _app = app;
        var pipeline = new EmulatorRequestPipeline(this, _options.MaxLoggedRequestBodyBytes);
        app.Use(next => context => pipeline.InvokeAsync(context, next));
        app.UseRouting();
        app.MapMethods(EmulatorBlobStore.BlobsPathPrefix + "{**name}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string name) => Blobs.ServeAsync(context, name));
        app.MapMethods(EmulatorBlobStore.SignedPathPrefix + "{**name}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string name) => Blobs.ServeSignedAsync(context, name));
        foreach (var provider in _providers)
        {
            provider.MapRoutes(app.MapGroup(provider.BasePath), this);
        }

        _options.MapAdditionalRoutes?.Invoke(app);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("Kestrel started without reporting its address.");
        _baseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        StartupDuration = stopwatch.Elapsed;
    }

    internal string? ProviderFor(string path)
    {
        if (path.StartsWith(EmulatorBlobStore.BlobsPathPrefix, StringComparison.Ordinal) || path.StartsWith(EmulatorBlobStore.SignedPathPrefix, StringComparison.Ordinal))
        {
            return BlobStoreProviderName;
        }

        foreach (var provider in _providers)
        {
            if (path.StartsWith(provider.BasePath, StringComparison.OrdinalIgnoreCase) &&
                (path.Length == provider.BasePath.Length || path[provider.BasePath.Length] == '/'))
            {
                return provider.Name;
            }
        }

        return null;
    }

    internal long NextSequence() => Interlocked.Increment(ref _sequence);
}
