namespace SatDownload.Downloads;

/// <summary>
/// Enforces a <see cref="DownloadBudget"/> across the assets of one call: a check of everything known before the first
/// byte, then reservations as assets start and as sizes become known, refused before the limit would be passed.
/// </summary>
internal sealed class BudgetTracker
{
    private readonly object _gate = new();
    private readonly DownloadBudget? _budget;
    private long _bytes;
    private int _files;
    private decimal _cost;

    public BudgetTracker(DownloadBudget? budget)
    {
        _budget = budget;
    }

    public bool LimitsBytes => _budget?.MaxBytes is not null;

    public long ReservedBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>
    /// Checks the call as a whole before anything is downloaded: number of files, the sum of known sizes and of known costs.
    /// </summary>
    /// <exception cref="BudgetExceededException">A limit would be passed.</exception>
    public void PreCheck(IReadOnlyCollection<(long? Size, CostEstimate? Cost)> work)
    {
        if (_budget is null)
        {
            return;
        }

        if (_budget.MaxFiles is { } maxFiles && work.Count > maxFiles)
        {
            throw new BudgetExceededException(BudgetLimit.Files, work.Count, maxFiles, "files",
                $"{work.Count} files would be downloaded; nothing was downloaded.");
        }

        if (_budget.MaxBytes is { } maxBytes)
        {
            var known = work.Where(w => w.Size is not null).Sum(w => w.Size!.Value);
            if (known > maxBytes)
            {
                throw new BudgetExceededException(BudgetLimit.Bytes, known, maxBytes, "bytes",
                    $"The files' known sizes add up to {known} bytes; nothing was downloaded.");
            }
        }

        if (_budget.MaxCost is not null)
        {
            var costs = work.Where(w => w.Cost is not null).Select(w => w.Cost!.Value).ToList();
            if (costs.Count > 0)
            {
                var unit = costs[0].Unit;
                if (costs.Any(c => !string.Equals(c.Unit, unit, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new BudgetExceededException(BudgetLimit.Cost, costs.Sum(c => c.Amount), _budget.MaxCost.Value, unit,
                        "The assets' costs are in different units (" + string.Join(", ", costs.Select(c => c.Unit).Distinct(StringComparer.OrdinalIgnoreCase)) + "); download them in separate calls, one budget per unit.");
                }

                _budget.EnsureCostAllowed(new CostEstimate(costs.Sum(c => c.Amount), unit));
            }
        }
    }

    /// <summary>Reserves one file and its cost when an asset starts.</summary>
    public void ReserveFile(CostEstimate? cost)
    {
        if (_budget is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_budget.MaxFiles is { } maxFiles && _files + 1 > maxFiles)
            {
                throw new BudgetExceededException(BudgetLimit.Files, _files + 1, maxFiles, "files", "The file was not started.");
            }

            if (cost is { } c)
            {
                _budget.EnsureCostAllowed(c, _cost);
                _cost += c.Amount;
            }

            _files++;
        }
    }

    /// <summary>
    /// Grows an asset's byte reservation to <paramref name="neededTotal"/>; refuses, before any byte over the limit is
    /// fetched, when the call's total would pass <see cref="DownloadBudget.MaxBytes"/>.
    /// </summary>
    public void EnsureBytes(ref long reservedForAsset, long neededTotal)
    {
        if (_budget?.MaxBytes is not { } maxBytes || neededTotal <= Volatile.Read(ref reservedForAsset))
        {
            return;
        }

        lock (_gate)
        {
            var delta = neededTotal - reservedForAsset;
            if (delta <= 0)
            {
                return;
            }

            if (_bytes + delta > maxBytes)
            {
                throw new BudgetExceededException(BudgetLimit.Bytes, _bytes + delta, maxBytes, "bytes",
                    "The download stopped before passing the limit; the partial file is kept and resumes when the budget allows.");
            }

            _bytes += delta;
            Volatile.Write(ref reservedForAsset, neededTotal);
        }
    }

    /// <summary>
    /// How many bytes past <paramref name="position"/> an asset holding <paramref name="reservedForAsset"/> may still take
    /// (<see cref="long.MaxValue"/> without a byte limit): a body of unknown size reads no further than that at once.
    /// </summary>
    public long RoomAfter(long reservedForAsset, long position)
    {
        if (_budget?.MaxBytes is not { } maxBytes)
        {
            return long.MaxValue;
        }

        lock (_gate)
        {
            return Math.Max(0, reservedForAsset - position) + Math.Max(0, maxBytes - _bytes);
        }
    }

    /// <summary>Gives back bytes reserved but never fetched (an asset that failed early).</summary>
    public void ReleaseBytes(long bytes)
    {
        if (_budget?.MaxBytes is null || bytes <= 0)
        {
            return;
        }

        lock (_gate)
        {
            _bytes = Math.Max(0, _bytes - bytes);
        }
    }
}
