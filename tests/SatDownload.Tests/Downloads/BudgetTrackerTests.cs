using SatDownload.Downloads;

namespace SatDownload.Tests.Downloads;

public class BudgetTrackerTests
{
    [Fact]
    public void PreCheck_refuses_too_many_files_bytes_or_cost()
    {
        var files = Assert.Throws<BudgetExceededException>(() =>
            new BudgetTracker(new DownloadBudget { MaxFiles = 2 }).PreCheck(new (long?, CostEstimate?)[] { (1, null), (1, null), (1, null) }));
        Assert.Equal(BudgetLimit.Files, files.Limit);
        Assert.Equal(3, files.Requested);
        Assert.Equal(2, files.Allowed);

        var bytes = Assert.Throws<BudgetExceededException>(() =>
            new BudgetTracker(new DownloadBudget { MaxBytes = 100 }).PreCheck(new (long?, CostEstimate?)[] { (60, null), (null, null), (50, null) }));
        Assert.Equal(BudgetLimit.Bytes, bytes.Limit);
        Assert.Equal(110, bytes.Requested);
        Assert.Equal(100, bytes.Allowed);

        var cost = Assert.Throws<BudgetExceededException>(() =>
            new BudgetTracker(new DownloadBudget { MaxCost = 10, CostUnit = "km2" })
                .PreCheck(new (long?, CostEstimate?)[] { (null, new CostEstimate(6, "km2")), (null, new CostEstimate(5, "km2")) }));
        Assert.Equal(BudgetLimit.Cost, cost.Limit);
        Assert.Equal(11, cost.Requested);
        Assert.Equal("km2", cost.Unit);

        new BudgetTracker(new DownloadBudget { MaxBytes = 110, MaxFiles = 3 }).PreCheck(new (long?, CostEstimate?)[] { (60, null), (null, null), (50, null) });
        new BudgetTracker(null).PreCheck(new (long?, CostEstimate?)[] { (long.MaxValue, null) });
    }

    [Fact]
    public void Byte_reservations_stop_before_the_limit()
    {
        var tracker = new BudgetTracker(new DownloadBudget { MaxBytes = 1000 });
        long a = 0, b = 0;
        tracker.EnsureBytes(ref a, 600);
        tracker.EnsureBytes(ref a, 500); // already covered
        Assert.Equal(600, a);
        tracker.EnsureBytes(ref b, 400);
        var ex = Assert.Throws<BudgetExceededException>(() => tracker.EnsureBytes(ref b, 401));
        Assert.Equal(1001, ex.Requested);
        Assert.Equal(1000, ex.Allowed);
        Assert.Equal(400, b);
        Assert.Equal(1000, tracker.ReservedBytes);
        tracker.ReleaseBytes(100);
        tracker.EnsureBytes(ref b, 500);
        Assert.Equal(1000, tracker.ReservedBytes);
    }

    [Fact]
    public void File_and_cost_reservations_are_counted_across_assets()
    {
        var tracker = new BudgetTracker(new DownloadBudget { MaxFiles = 2, MaxCost = 5, CostUnit = "credits" });
        tracker.ReserveFile(new CostEstimate(2, "credits"));
        Assert.Throws<BudgetExceededException>(() => tracker.ReserveFile(new CostEstimate(4, "credits")));
        tracker.ReserveFile(new CostEstimate(3, "credits"));
        var ex = Assert.Throws<BudgetExceededException>(() => tracker.ReserveFile(null));
        Assert.Equal(BudgetLimit.Files, ex.Limit);
    }
}
