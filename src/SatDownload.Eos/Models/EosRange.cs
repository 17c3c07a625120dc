using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>A wire <c>{from, to}</c> range.</summary>
/// <typeparam name="T">The bound type.</typeparam>
internal sealed class EosRange<T>
{
    [JsonPropertyName("from")]
    public T? From { get; init; }

    [JsonPropertyName("to")]
    public T? To { get; init; }
}
