using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SatDownload;
using SatDownload.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <see cref="SatDownloadServiceCollectionExtensions.AddSatDownload(IServiceCollection, Action{SatDownloadOptions}?)"/>;
/// provider adapters hang their <c>AddIceye(...)</c>, <c>AddSentinelHub(...)</c> extensions off it and register their typed
/// clients with <see cref="AddProviderHttpClient{TClient}"/>.
/// </summary>
public sealed class SatDownloadBuilder
{
    /// <summary>Creates a builder over a service collection.</summary>
    /// <param name="services">The services.</param>
    public SatDownloadBuilder(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a typed provider client on IHttpClientFactory: the default primary handler (pooled connections with a
    /// limited lifetime, decompression, no automatic redirects), an infinite <see cref="HttpClient.Timeout"/> (the
    /// <see cref="ResilienceHandler"/> owns timeouts), the SatDownload User-Agent, then your configuration and handler chain.
    /// </summary>
    /// <typeparam name="TClient">The typed client (resolved as transient with its HttpClient injected).</typeparam>
    /// <param name="name">The logical client name, for example <c>"SatDownload.Iceye"</c>.</param>
    /// <param name="configureClient">Sets the base address and default headers.</param>
    /// <param name="handlers">
    /// Creates the delegating handlers, outermost first, each time the factory builds a handler chain (return new instances;
    /// share state such as token caches and rate limiters through the registries). See <see cref="ProviderHttpPipeline.CreateStandardHandlers"/>.
    /// </param>
    /// <returns>The IHttpClientFactory builder, for further configuration.</returns>
    public IHttpClientBuilder AddProviderHttpClient<TClient>(
        string name,
        Action<IServiceProvider, HttpClient>? configureClient = null,
        Func<IServiceProvider, IEnumerable<DelegatingHandler>>? handlers = null)
        where TClient : class
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = Services.AddHttpClient<TClient>(name, (sp, client) => Configure(sp, client, configureClient));
        return Finish(builder, handlers);
    }

    /// <summary>Registers a typed provider client with a separate service type (for example an abstract client and its implementation).</summary>
    /// <typeparam name="TClient">The service type.</typeparam>
    /// <typeparam name="TImplementation">The implementation.</typeparam>
    /// <param name="name">The logical client name.</param>
    /// <param name="configureClient">Sets the base address and default headers.</param>
    /// <param name="handlers">Creates the delegating handlers, outermost first.</param>
    /// <returns>The IHttpClientFactory builder.</returns>
    public IHttpClientBuilder AddProviderHttpClient<TClient, TImplementation>(
        string name,
        Action<IServiceProvider, HttpClient>? configureClient = null,
        Func<IServiceProvider, IEnumerable<DelegatingHandler>>? handlers = null)
        where TClient : class
        where TImplementation : class, TClient
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var builder = Services.AddHttpClient<TClient, TImplementation>(name, (sp, client) => Configure(sp, client, configureClient));
        return Finish(builder, handlers);
    }

    private static IHttpClientBuilder Finish(IHttpClientBuilder builder, Func<IServiceProvider, IEnumerable<DelegatingHandler>>? handlers)
    {
        builder.ConfigurePrimaryHttpMessageHandler(static () => ProviderHttpPipeline.CreateDefaultPrimaryHandler());
        if (handlers is not null)
        {
            builder.ConfigureAdditionalHttpMessageHandlers((list, sp) =>
            {
                foreach (var handler in handlers(sp))
                {
                    list.Add(handler);
                }
            });
        }

        return builder;
    }

    private static void Configure(IServiceProvider services, HttpClient client, Action<IServiceProvider, HttpClient>? configureClient)
    {
        client.Timeout = Timeout.InfiniteTimeSpan;
        var options = services.GetService<IOptions<SatDownloadOptions>>()?.Value;
        var userAgent = options?.UserAgent ?? SatDownloadOptions.DefaultUserAgent;
        if (!string.IsNullOrWhiteSpace(userAgent) && ProductInfoHeaderValue.TryParse(userAgent.Split(' ')[0], out var product))
        {
            client.DefaultRequestHeaders.UserAgent.Add(product);
        }

        configureClient?.Invoke(services, client);
    }
}
