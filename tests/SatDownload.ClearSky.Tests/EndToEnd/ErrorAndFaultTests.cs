using SatDownload.ClearSky.Tests.TestSupport;
using SatDownload.Http;
using SatDownload.Testing;
using SatDownload.Testing.ClearSky;

namespace SatDownload.ClearSky.Tests.EndToEnd;

/// <summary>ClearSKY's error codes, HTTP faults and auth failures, end to end against the emulator.</summary>
public sealed class ErrorAndFaultTests
{
    private const string CompositePath = "/clearsky/api/satelliteimages/process/composite";
    private const string EstimatePath = "/clearsky/api/satelliteimages/process/composite/estimate";
    private static readonly DateOnly DocumentDate = new(2024, 5, 3);

    private static ClearSkyCompositeRequest Minimal() => CompositeSequenceTests.MinimalRequest();

    private static ClearSkyDownloadOptions NoAvailabilityGate() => ClearSkyTestContext.FastDownload() with { RequireAvailability = false };

    [Fact]
    public async Task No_imagery_is_refused_before_the_composite_by_the_availability_check()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        ctx.ClearSky.Options.Dates[DocumentDate] = ClearSkyDateState.NoImagery;
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ClearSkyNotAvailableException>(() => client.DownloadCompositeAsync(Minimal(), ctx.Directory, ClearSkyTestContext.FastDownload()));

        Assert.Contains("2024-05-03", ex.Message, StringComparison.Ordinal);
        Assert.Contains("No composite request was sent", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.Availability!.IsReady);
        Assert.Empty(ctx.Emulator.Requests.Where(e => e.Path == CompositePath));
    }

    [Theory]
    [InlineData(ClearSkyDateState.NoImagery, "1002", "No imagery")]
    [InlineData(ClearSkyDateState.NotOrdered, "1006", "AutomaticOrderCreation")]
    [InlineData(ClearSkyDateState.Partial, "1002", "AllowPartialImage")]
    public async Task Composite_domain_errors_surface_with_code_and_fix(ClearSkyDateState state, string code, string hint)
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        ctx.ClearSky.Options.Dates[DocumentDate] = state;
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.DownloadCompositeAsync(Minimal(), ctx.Directory, NoAvailabilityGate()));

        Assert.Equal(400, ex.Status);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(ProviderNames.ClearSky, ex.Provider);
        Assert.Equal("POST /api/satelliteimages/process/composite", ex.Operation);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
        Assert.Single(ctx.Emulator.Requests.Where(e => e.Path == CompositePath));
    }

    [Fact]
    public async Task Partial_availability_is_accepted_with_allow_partial_image()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        ctx.ClearSky.Options.Dates[DocumentDate] = ClearSkyDateState.Partial;
        var client = ctx.Client();

        await Assert.ThrowsAsync<ClearSkyNotAvailableException>(() => client.DownloadCompositeAsync(Minimal(), ctx.Directory, ClearSkyTestContext.FastDownload()));
        var result = await client.DownloadCompositeAsync(Minimal() with { AllowPartialImage = true }, ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
    }

    [Fact]
    public async Task Not_ordered_is_accepted_with_automatic_order_creation()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        ctx.ClearSky.Options.Dates[DocumentDate] = ClearSkyDateState.NotOrdered;
        var client = ctx.Client();

        var result = await client.DownloadCompositeAsync(Minimal() with { AutomaticOrderCreation = true }, ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
    }

    [Fact]
    public async Task Insufficient_balance_is_error_994()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { Balance = 0.5m });
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.DownloadCompositeAsync(Minimal(), ctx.Directory, ClearSkyTestContext.FastDownload()));

        Assert.Equal("994", ex.ErrorCode);
        Assert.Contains("processing units", ex.Message, StringComparison.Ordinal);
        Assert.Empty(ctx.ClearSky.Deliveries);
    }

    [Fact]
    public async Task Server_validation_992_lists_each_property_message()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        ctx.Emulator.Faults.On(EstimatePath).RespondWithStatus(400, body:
            """{"Succeeded":false,"Error":{"Message":"One or more validation errors occurred.","Code":992},"Data":{"Resolution":["Resolution must be one of 10, 20, 40."],"Bandnames":["Unknown band B99."]}}""",
            contentType: "application/json");
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.EstimateAsync(Minimal()));

        Assert.Equal("992", ex.ErrorCode);
        Assert.Contains("Resolution: Resolution must be one of 10, 20, 40.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Bandnames: Unknown band B99.", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
        Assert.Single(ctx.Emulator.Requests.Where(e => e.Path == EstimatePath));
    }

    [Fact]
    public async Task Busy_1003_is_retried_and_the_download_completes()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { ForcedBusyResponses = 2, BusyRetryAfterSeconds = null });
        var client = ctx.Client();

        var result = await client.DownloadCompositeAsync(Minimal(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Equal(2, ctx.ClearSky.BusyAnswers);
        Assert.Equal([400, 400, 200], ctx.Emulator.Requests.Where(e => e.Path == CompositePath).Select(e => e.StatusCode));
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
    }

    [Fact]
    public async Task Busy_1003_that_never_clears_is_reported_as_retryable()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { ForcedBusyResponses = 100, BusyRetryAfterSeconds = null });
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.DownloadCompositeAsync(Minimal(), ctx.Directory, ClearSkyTestContext.FastDownload()));

        Assert.Equal("1003", ex.ErrorCode);
        Assert.True(ex.IsRetryable);
        Assert.Contains("concurrent", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, ctx.Emulator.Requests.Count(e => e.Path == CompositePath));
    }

    [Fact]
    public async Task Http_429_with_retry_after_is_waited_out_in_virtual_time()
    {
        // Only retry delays run on the auto-advancing clock; timeouts are off (they would fire at once on it).
        var clock = new VirtualClock { AutoAdvance = true };
        await using var ctx = await ClearSkyTestContext.StartAsync(clock: clock);
        ctx.Emulator.Faults.On(EstimatePath).RespondWithStatus(429, times: 2, retryAfter: "30");
        var client = ctx.Client(o =>
        {
            o.TimeProvider = clock;
            o.Retry.PerAttemptTimeout = null;
            o.Retry.TotalTimeout = null;
            o.Retry.ResponseIdleTimeout = null;
        });

        var estimate = await client.EstimateAsync(Minimal()).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.NotNull(estimate.CreditEstimate);
        var log = ctx.Emulator.Requests.Where(e => e.Path == EstimatePath).ToList();
        Assert.Equal([429, 429, 200], log.Select(e => e.StatusCode));
        Assert.True(log[2].Timestamp - log[0].Timestamp >= TimeSpan.FromSeconds(60), $"virtual gap {log[2].Timestamp - log[0].Timestamp}");
    }

    [Fact]
    public async Task Concurrency_limit_as_429_on_the_composite_is_retried()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync(new ClearSkyEmulatorOptions { ForcedBusyResponses = 1, ConcurrencyLimitAs429 = true, BusyRetryAfterSeconds = null });
        var client = ctx.Client();

        var result = await client.DownloadCompositeAsync(Minimal(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Equal([429, 200], ctx.Emulator.Requests.Where(e => e.Path == CompositePath).Select(e => e.StatusCode));
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
    }

    [Fact]
    public async Task Server_errors_on_the_composite_are_retried()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        ctx.Emulator.Faults.On(CompositePath).RespondWithStatus(503, times: 2);
        var client = ctx.Client();

        var result = await client.DownloadCompositeAsync(Minimal(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.Equal([503, 503, 200], ctx.Emulator.Requests.Where(e => e.Path == CompositePath).Select(e => e.StatusCode));
        Assert.Equal(ctx.ClearSky.Deliveries.Single().Sha256, TestFiles.Sha256Of(result.FilePath!));
    }

    [Fact]
    public async Task A_connection_dropped_during_the_download_is_retried_to_a_complete_file()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        ctx.Emulator.Faults.On(CompositePath).AbortAfterBytes(1000);
        var client = ctx.Client();

        var result = await client.DownloadCompositeAsync(Minimal(), ctx.Directory, ClearSkyTestContext.FastDownload());

        var deliveries = ctx.ClearSky.Deliveries;
        Assert.Equal(2, deliveries.Count);
        Assert.Equal(deliveries[0].Sha256, deliveries[1].Sha256);
        Assert.Equal(deliveries[1].Sha256, TestFiles.Sha256Of(result.FilePath!));
        Assert.Equal(deliveries[1].Content.LongLength, new FileInfo(result.FilePath!).Length);
        Assert.True(ctx.Emulator.Requests.Where(e => e.Path == CompositePath).First().Aborted);
    }

    [Fact]
    public async Task Wrong_key_is_401_and_the_key_never_appears_in_the_error()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client(o => o.ApiKey = "wrong-secret-key-123");

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.GetAccountInfoAsync());

        Assert.Equal(401, ex.Status);
        Assert.Contains("Invalid API key", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-key-123", ex.ToString(), StringComparison.Ordinal);
        Assert.Single(ctx.ClearSkyRequests());
    }

    [Fact]
    public async Task Revoked_key_is_403()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        ctx.ClearSky.Options.RevokedKeys.Add(ctx.ClearSky.Options.ApiKey);
        var client = ctx.Client();

        var ex = await Assert.ThrowsAsync<ProviderRequestException>(() => client.EstimateAsync(Minimal()));

        Assert.Equal(403, ex.Status);
        Assert.Contains("revoked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_is_sent_as_x_api_key_and_redacted_in_the_log()
    {
        await using var ctx = await ClearSkyTestContext.StartAsync();
        var client = ctx.Client();

        await client.DownloadCompositeAsync(Minimal(), ctx.Directory, ClearSkyTestContext.FastDownload());

        Assert.All(ctx.ClearSkyRequests(), e =>
        {
            Assert.True(e.Headers.ContainsKey("x-api-key"), e.Path);
            Assert.DoesNotContain(ctx.ClearSky.Options.ApiKey, e.Headers["x-api-key"], StringComparison.Ordinal);
        });
    }
}
