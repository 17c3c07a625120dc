namespace SatDownload.Samples.Quickstart;

/// <summary>One provider's flow in the Quickstart: what it emulates, and how it orders and downloads for an AOI.</summary>
internal interface IQuickstartFlow
{
    /// <summary>The provider name shown in the summary and used for <c>--provider</c>.</summary>
    string Provider { get; }

    /// <summary>The environment variables the live flow needs.</summary>
    IReadOnlyList<string> LiveEnvironmentVariables { get; }

    /// <summary>Runs the flow.</summary>
    Task<FlowOutcome> RunAsync(FlowContext context, CancellationToken cancellationToken);
}
