using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Iceye.Models;

/// <summary>A contract from <c>GET /api/company/v1/contracts</c>; it decides which imaging modes, priorities, SLAs and product types a task may use.</summary>
public sealed class IceyeContract
{
    /// <summary>The contract id, used as <see cref="IceyeCreateTaskRequest.ContractId"/>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The contract's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Every other field of the contract, verbatim: ICEYE documents only <c>id</c> and <c>name</c> as stable.</summary>
    [JsonExtensionData]
#pragma warning disable CA2227 // System.Text.Json fills extension data through a setter; init would make it a constructor parameter.
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
#pragma warning restore CA2227
}
