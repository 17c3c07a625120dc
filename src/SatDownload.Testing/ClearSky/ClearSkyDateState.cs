namespace SatDownload.Testing.ClearSky;

/// <summary>What the emulated ClearSKY knows about a date (the availability fixture table).</summary>
public enum ClearSkyDateState
{
    /// <summary>Imagery covers the whole AOI and the account's orders cover it.</summary>
    Available = 0,

    /// <summary>Imagery covers only part of the AOI (composite needs <c>AllowPartialImage</c>).</summary>
    Partial = 1,

    /// <summary>Imagery exists but no order covers it (error 1006 unless <c>AutomaticOrderCreation</c>).</summary>
    NotOrdered = 2,

    /// <summary>No imagery for the date (error 1002).</summary>
    NoImagery = 3,
}
