using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Capella.Models;

/// <summary>The identity behind the credentials (<c>GET /user</c>).</summary>
public sealed class CapellaUser
{
    /// <summary>The user id (the <c>customerId</c> of order listings).</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The organization id.</summary>
    [JsonPropertyName("organizationId")]
    public string? OrganizationId { get; init; }

    /// <summary>The e-mail address.</summary>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>Other fields.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"CapellaUser({Id}, organization {OrganizationId})";
}
