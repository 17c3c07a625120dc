namespace SatDownload.Eos.Assets;

/// <summary>What a load-by-extent task is expected to return, by the documented rule, before the first byte arrives.</summary>
/// <param name="Type">The predicted type.</param>
/// <param name="IsCertain">False when the rule needed a band resolution that is not known for the sensor (the prediction then assumes different resolutions, that is zip).</param>
/// <param name="Reason">Which branch of the rule applied, for logs and docs.</param>
public readonly record struct EosResultPrediction(EosResultType Type, bool IsCertain, string Reason)
{
    /// <summary>The file extension for <see cref="Type"/>, with the dot (<c>.tif</c>, <c>.jp2</c>, <c>.zip</c>; <c>.bin</c> when unknown).</summary>
    public string Extension => EosResultTypes.ExtensionOf(Type);
}
