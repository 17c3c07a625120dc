using SatDownload.Iceye.Models;
using SatDownload.Iceye.Unified;

namespace SatDownload.Iceye.Tests.Unified;

/// <summary>What the unified ICEYE flow refuses before anything is sent: invalid requests and budgets ICEYE cannot price.</summary>
public class IceyeUnifiedGuardTests
{
    public static TheoryData<string, string> InvalidRequests() => new()
    {
        { "neither", "IceyeTaskImageryRequest.TaskRequest" },
        { "both", "IceyeTaskImageryRequest.TaskId" },
        { "blank task id", "IceyeTaskImageryRequest.TaskId" },
        { "task id with a slash", "IceyeTaskImageryRequest.TaskId" },
        { "no contract", "ContractId is required" },
        { "latitude out of range", "PointOfInterest.Latitude is 95" },
        { "window of 2 hours", "needs at least 24 h" },
        { "no imaging mode", "ImagingMode is required" },
        { "window already over", "is in the past" },
        { "window ends in 20 days", "more than 14 days ahead" },
        { "duplicate product types", "more than once" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_request_is_refused_naming_the_field_before_any_request(string problem, string expectedText)
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var request = Build(h, problem);

        var ex = await Assert.ThrowsAsync<ImageryRequestValidationException>(() => h.CreateClient().DownloadAsync(request, h.Directory));

        Assert.Contains(expectedText, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("IceyeTaskImageryRequest.", ex.Field, StringComparison.Ordinal);
        Assert.Empty(h.Env.Host.Requests);
        Assert.Empty(DownloadJournal.Open(h.Directory).Entries);

        // The adapter's own client refuses it the same way.
        await Assert.ThrowsAsync<ImageryRequestValidationException>(() => h.Env.Client.StartAsync(request));
        Assert.Empty(h.Env.Host.Requests);
    }

    [Fact]
    public async Task A_journaled_task_is_resumed_even_after_its_acquisition_window_has_passed()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var request = h.NewRequest();
        await h.CreateClient().DownloadAsync(request, h.Directory);
        h.Env.Advance(TimeSpan.FromDays(5));
        Assert.Throws<ArgumentException>(() => SatDownload.Iceye.Validation.IceyeTaskRequestValidator.Validate(request.TaskRequest!, h.Env.Clock.GetUtcNow()));

        var again = await h.CreateClient().DownloadAsync(request, h.Directory);

        Assert.True(again.ResumedFromJournal);
        Assert.True(again.Succeeded);
        Assert.Equal(1, h.TaskCreations);
    }

    [Fact]
    public async Task Cost_budget_that_requires_an_estimate_refuses_ICEYE_before_any_request()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var client = h.CreateClient(o => o.RequireCostEstimate = true);
        var options = IceyeUnifiedHarness.Fast with { Budget = new DownloadBudget { MaxCost = 100m, CostUnit = "EUR" } };

        Assert.Null(await client.EstimateCostAsync(h.NewRequest()));
        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => client.DownloadAsync(h.NewRequest(), h.Directory, options));

        Assert.Contains("iceye cannot estimate", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Env.Host.Requests);
        Assert.Empty(DownloadJournal.Open(h.Directory).Entries);
    }

    [Fact]
    public async Task Cost_budget_without_requiring_an_estimate_orders_once_and_downloads()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var options = IceyeUnifiedHarness.Fast with { Budget = new DownloadBudget { MaxCost = 100m, CostUnit = "EUR" } };

        var result = await h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory, options);

        Assert.True(result.Succeeded);
        Assert.Null(result.CostEstimate);
        Assert.Equal(1, h.TaskCreations);
    }

    [Fact]
    public async Task Byte_budget_smaller_than_the_products_refuses_before_any_file_is_written()
    {
        await using var h = await IceyeUnifiedHarness.StartAsync();
        var options = IceyeUnifiedHarness.Fast with { Budget = new DownloadBudget { MaxBytes = 250_000 } };

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory, options));

        Assert.Equal(BudgetLimit.Bytes, ex.Limit);
        Assert.False(Directory.Exists(Path.Combine(h.Directory, ProviderNames.Iceye)), "product files were written");
        Assert.False(File.Exists(Path.Combine(h.Directory, "catalog.json")));

        // ICEYE tasks cannot be priced or sized before they exist: the task was created once and a re-run with a
        // larger budget resumes it.
        Assert.Equal(1, h.TaskCreations);
        var again = await h.CreateClient().DownloadAsync(h.NewRequest(), h.Directory);
        Assert.True(again.Succeeded);
        Assert.True(again.ResumedFromJournal);
        Assert.Equal(1, h.TaskCreations);
    }

    private static IceyeTaskImageryRequest Build(IceyeUnifiedHarness h, string problem)
    {
        var now = h.Env.Clock.GetUtcNow();
        return problem switch
        {
            "neither" => new IceyeTaskImageryRequest(),
            "both" => new IceyeTaskImageryRequest(h.Env.NewRequest()) { TaskId = "0001-abc" },
            "blank task id" => IceyeTaskImageryRequest.ForExistingTask("  "),
            "task id with a slash" => IceyeTaskImageryRequest.ForExistingTask("../tasks"),
            "no contract" => h.NewRequest(t => t.ContractId = null),
            "latitude out of range" => h.NewRequest(t => t.PointOfInterest = new IceyePointOfInterest(95, 24.9)),
            "window of 2 hours" => h.NewRequest(t => t.AcquisitionWindow = new IceyeAcquisitionWindow(now.AddHours(1), now.AddHours(3))),
            "no imaging mode" => h.NewRequest(t => t.ImagingMode = null),
            "window already over" => h.NewRequest(t => t.AcquisitionWindow = new IceyeAcquisitionWindow(now.AddDays(-3), now.AddDays(-1))),
            "window ends in 20 days" => h.NewRequest(t => t.AcquisitionWindow = new IceyeAcquisitionWindow(now.AddDays(18), now.AddDays(20))),
            "duplicate product types" => h.NewRequest(t => t.ProductTypes = new List<IceyeProductType> { IceyeProductType.Slc, IceyeProductType.Slc }),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };
    }
}
