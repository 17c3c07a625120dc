namespace SatDownload.Eos.Tasks;

/// <summary>What to do with a MultiPolygon area of interest, which load-by-extent does not accept.</summary>
public enum EosMultiPolygonHandling
{
    /// <summary>Reject the request before anything is sent (default).</summary>
    Reject,

    /// <summary>Create one task per polygon; each gets its own reference (<c>{reference}-p1</c>, <c>-p2</c>, ...).</summary>
    SplitIntoTasks,
}
