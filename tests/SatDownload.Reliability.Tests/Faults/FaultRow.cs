namespace SatDownload.Reliability.Tests.Faults;

/// <summary>How a matrix row must end.</summary>
public enum FaultOutcome
{
    /// <summary>Every file byte-identical (SHA-256), no partial files left.</summary>
    Succeeds,

    /// <summary>The listing call throws a <see cref="ProviderRequestException"/> naming the provider, the call and the cause.</summary>
    ListingFails,

    /// <summary>Either, depending on when the fault lands (before headers: retried; after: a typed error).</summary>
    SucceedsOrListingFails,

    /// <summary>The targeted asset's result fails with a typed error naming the asset (provider/product/key) and the cause; no incomplete file under its final name.</summary>
    DownloadFails,
}

/// <summary>
/// One generic fault: what to arrange before listing and before downloading, and how it must end. Rows use only the
/// routes a <see cref="ProviderFlowRun"/> names, so they apply to every provider flow.
/// </summary>
/// <param name="Name">Readable name (the test case name).</param>
/// <param name="Outcome">How it must end.</param>
/// <param name="BeforeListing">Faults on the token and listing routes.</param>
/// <param name="BeforeDownload">Faults on the data blobs (known once the listing ran).</param>
/// <param name="CauseText">Text the typed error must contain (the cause, for example the status code).</param>
public sealed record FaultRow(
    string Name,
    FaultOutcome Outcome,
    Action<ProviderFlowRun>? BeforeListing = null,
    Action<ProviderFlowRun>? BeforeDownload = null,
    string? CauseText = null)
{
    /// <summary>True for rows that revoke tokens or fault the token endpoint.</summary>
    public bool RequiresTokenEndpoint { get; init; }

    public override string ToString() => Name;
}
