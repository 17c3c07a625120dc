namespace SatDownload.Testing.Iceye;

/// <summary>A contract the ICEYE emulator knows: which imaging modes it allows and which product types are its SLA products.</summary>
public sealed class IceyeEmulatedContract
{
    /// <summary>The contract id (<c>contractID</c> in requests).</summary>
    public required string Id { get; init; }

    /// <summary>The contract's name.</summary>
    public string Name { get; init; } = "Emulated SAR contract";

    /// <summary>The imaging modes tasks may use.</summary>
    public IReadOnlyList<string> ImagingModes { get; init; } = new[] { "STRIPMAP", "SPOTLIGHT", "SPOTLIGHT_EXTENDED", "SPOTLIGHT_FINE_1L" };

    /// <summary>The product types delivered when the task is FULFILLED (the SLA products).</summary>
    public IReadOnlyList<string> SlaProductTypes { get; init; } = new[] { "GRD", "QLK" };

    /// <summary>The extra product types a task may ask for in <c>productTypes</c>; they arrive when DONE.</summary>
    public IReadOnlyList<string> OptionalProductTypes { get; init; } = new[] { "GRD-COG", "SLC", "SLC-COG", "SICD", "SIDD", "CSI", "CSI-COG", "VID", "VID-COG" };
}
