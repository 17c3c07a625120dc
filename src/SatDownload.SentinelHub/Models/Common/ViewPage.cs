using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>One page of a Sentinel Hub list endpoint: <c>{data: [...], links: View}</c>.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ViewPage<T>
{
    /// <summary>The items of this page.</summary>
    [JsonPropertyName("data")]
    public IList<T> Data { get; set; } = new List<T>();

    /// <summary>Paging links.</summary>
    [JsonPropertyName("links")]
    public ViewLinks? Links { get; set; }
}
