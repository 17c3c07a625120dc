namespace SatDownload.Testing.Iceye;

/// <summary>How an emulated ICEYE task ends when nobody cancels it.</summary>
public enum IceyeEmulatedOutcome
{
    /// <summary>RECEIVED → ACTIVE → FULFILLED → DONE.</summary>
    Deliver,

    /// <summary>RECEIVED → REJECTED once the optimiser has run.</summary>
    Reject,

    /// <summary>RECEIVED → ACTIVE → FAILED at the acquisition.</summary>
    Fail,

    /// <summary>RECEIVED → ACTIVE → DONE directly (the documented ACTIVE → DONE edge, no FULFILLED phase).</summary>
    DeliverWithoutFulfilled,
}
