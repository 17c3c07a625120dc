namespace SatDownload.ClearSky.Http;

/// <summary>Records <c>Content-Disposition</c> and the attribution header of file responses into the current <see cref="ClearSkyResponseCapture"/>.</summary>
internal sealed class ClearSkyResponseCaptureHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        ClearSkyResponseCapture.Current?.Record(response);
        return response;
    }
}
