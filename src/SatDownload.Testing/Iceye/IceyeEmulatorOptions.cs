namespace SatDownload.Testing.Iceye;

/// <summary>Settings of <c>IceyeEmulator</c>: credentials, token life, the task timeline on the virtual clock, paging and signed URLs.</summary>
public sealed class IceyeEmulatorOptions
{
    /// <summary>The OAuth2 client id the token endpoint accepts.</summary>
    public string ClientId { get; init; } = "iceye-emulator-client";

    /// <summary>The OAuth2 client secret the token endpoint accepts.</summary>
    public string ClientSecret { get; init; } = "iceye-emulator-secret";

    /// <summary>The token endpoint path under the emulator's <c>/iceye</c> base. Default <c>oauth/v1/token</c>.</summary>
    public string TokenPath { get; init; } = "oauth/v1/token";

    /// <summary>How long issued access tokens live on the virtual clock. ICEYE: 3600 s.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The scope reported with tokens.</summary>
    public string TokenScope { get; init; } = "catalog.read contracts.read tasking.read tasking.write";

    /// <summary>How long signed asset URLs work on the virtual clock before storage answers 403. ICEYE: one hour.</summary>
    public TimeSpan SignedUrlTimeToLive { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Products per page of the products listing (small, to exercise the cursor). Default 1.</summary>
    public int ProductsPageSize { get; init; } = 1;

    /// <summary>The default <c>limit</c> of the tasks listing (ICEYE: 10).</summary>
    public int DefaultListLimit { get; init; } = 10;

    /// <summary>The largest accepted <c>limit</c>; beyond it the list answers 400.</summary>
    public int MaxListLimit { get; init; } = 100;

    /// <summary>How long a task stays RECEIVED (ICEYE's optimiser: about 20 minutes).</summary>
    public TimeSpan ReceivedDuration { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>How long a task stays ACTIVE before the acquisition completes.</summary>
    public TimeSpan ActiveDuration { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How long a task stays FULFILLED before the non-SLA products are done.</summary>
    public TimeSpan FulfilledDuration { get; init; } = TimeSpan.FromHours(4);

    /// <summary>The status the cancel endpoint answers when the task is past ACTIVE (ICEYE's is unconfirmed: 409 or 400).</summary>
    public int CancelRefusalStatus { get; init; } = 409;

    /// <summary>Whether <c>/products/{productType}</c> is served (unconfirmed endpoint); when false it answers 404.</summary>
    public bool ServeProductTypeEndpoint { get; init; } = true;

    /// <summary>Whether errors are problem details even when the client did not ask for <c>application/problem+json</c> (the default format is unconfirmed; when false such clients get plain text).</summary>
    public bool ProblemDetailsWithoutAccept { get; init; }

    /// <summary>The size of each product's main data file (for example <c>grd-tif</c>). Default 256 KiB.</summary>
    public long DataFileSize { get; init; } = 256 * 1024;

    /// <summary>Per product type overrides of <see cref="DataFileSize"/>.</summary>
    public IDictionary<string, long> DataFileSizes { get; } = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The contracts; one default contract (<c>contract-sar-1</c>) when empty.</summary>
    public IList<IceyeEmulatedContract> Contracts { get; } = new List<IceyeEmulatedContract>();
}
