using System.Text.Json.Serialization.Metadata;

namespace SatDownload.Http;

/// <summary>
/// One-call helpers for adapters: send a request and get either a successful response or a
/// <see cref="ProviderRequestException"/> (decoded provider error, or Status 0 for transport failures and timeouts), so
/// adapter code never handles <see cref="HttpRequestException"/>, <see cref="IOException"/> or raw JSON exceptions itself.
/// </summary>
public static class ProviderHttpClientExtensions
{
    /// <summary>Sends a request; non-2xx responses and transport failures become <see cref="ProviderRequestException"/>s.</summary>
    /// <param name="client">The provider's HttpClient (normally built with <see cref="ProviderHttpPipeline.CreateStandardHandlers"/>).</param>
    /// <param name="request">The request; set <see cref="ProviderRequestOptions.Operation"/> for a readable call name.</param>
    /// <param name="provider">The provider name (see <see cref="ProviderNames"/>).</param>
    /// <param name="errorDecoder">The provider's error-body decoder; <see cref="ProviderErrors.DecodeCommonJson"/> is the fallback.</param>
    /// <param name="retryAfterUnit">The unit of a numeric Retry-After on errors.</param>
    /// <param name="completionOption">When the call completes (headers only for streaming bodies).</param>
    /// <param name="cancellationToken">Cancels the call; a cancellation you requested stays an <see cref="OperationCanceledException"/>.</param>
    /// <returns>The successful response (the caller disposes it).</returns>
    /// <exception cref="ProviderRequestException">The provider answered with an error, or no response arrived.</exception>
    public static async Task<HttpResponseMessage> SendForProviderAsync(
        this HttpClient client,
        HttpRequestMessage request,
        string provider,
        Func<ProviderErrorBody, DecodedProviderError?>? errorDecoder = null,
        RetryAfterUnit retryAfterUnit = RetryAfterUnit.Seconds,
        HttpCompletionOption completionOption = HttpCompletionOption.ResponseContentRead,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, completionOption, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not SatDownloadException && ProviderErrors.IsTransportFailure(ex, cancellationToken))
        {
            // Read the operation after sending: HttpClient has made a relative URI absolute by then.
            throw ProviderErrors.FromTransportFailure(ex, provider, ProviderRequestOptions.GetOperation(request));
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            // The pipeline's clock (a virtual one in tests): a Retry-After date is measured against it, as in ProviderJson.
            throw await ProviderErrors.CreateExceptionAsync(response, provider, ProviderRequestOptions.GetOperation(request), errorDecoder, retryAfterUnit, RetryClock.Of(request)?.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a request and reads the JSON body as <typeparamref name="T"/> with source-generated metadata.</summary>
    /// <typeparam name="T">The wire model.</typeparam>
    /// <param name="client">The provider's HttpClient.</param>
    /// <param name="request">The request.</param>
    /// <param name="typeInfo">Source-generated metadata, for example <c>MyJsonContext.Default.TaskDto</c>.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="errorDecoder">The provider's error-body decoder.</param>
    /// <param name="retryAfterUnit">The unit of a numeric Retry-After on errors.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value (never null).</returns>
    /// <exception cref="ProviderRequestException">An error status, a transport failure, or a body that is not the expected JSON.</exception>
    public static async Task<T> SendForJsonAsync<T>(
        this HttpClient client,
        HttpRequestMessage request,
        JsonTypeInfo<T> typeInfo,
        string provider,
        Func<ProviderErrorBody, DecodedProviderError?>? errorDecoder = null,
        RetryAfterUnit retryAfterUnit = RetryAfterUnit.Seconds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        using var response = await client.SendForProviderAsync(request, provider, errorDecoder, retryAfterUnit, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ProviderJson.ReadAsync(response, typeInfo, provider, ProviderRequestOptions.GetOperation(request), errorDecoder, cancellationToken).ConfigureAwait(false);
    }
}
