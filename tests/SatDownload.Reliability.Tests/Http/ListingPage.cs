using System.Text.Json.Serialization;

namespace SatDownload.Reliability.Tests.Http;

/// <summary>A listing page as a provider API returns it, for the response-body tests of the shared handlers.</summary>
public sealed record ListingPage(
    [property: JsonPropertyName("items")] IReadOnlyList<string> Items,
    [property: JsonPropertyName("next")] string? Next);

/// <summary>Source-generated metadata for <see cref="ListingPage"/>.</summary>
[JsonSerializable(typeof(ListingPage))]
internal sealed partial class ListingPageJsonContext : JsonSerializerContext;
