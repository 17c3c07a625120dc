using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>One page of an ICEYE listing: <c>{ "cursor": "...", "data": [ ... ] }</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class IceyePage<T>
{
    /// <summary>The cursor for the next page; null or empty on the last page.</summary>
    [JsonPropertyName("cursor")]
    public string? Cursor { get; init; }

    /// <summary>The items.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<T> Data { get; init; } = Array.Empty<T>();

    /// <summary>Whether another page follows (ICEYE ends paging with a missing or empty cursor).</summary>
    [JsonIgnore]
    public bool HasMore => !string.IsNullOrEmpty(Cursor);
}
