namespace SatDownload.Capella;

/// <summary>The properties of an AOI to create, or the ones to change in an update (null leaves a property as it is).</summary>
public sealed class CapellaAoiOptions
{
    /// <summary>The AOI name (required when creating).</summary>
    public string? Name { get; init; }

    /// <summary>A free-text description.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the AOI is active (monitored).</summary>
    public bool? Active { get; init; }

    /// <summary>Whether notifications skip imagery older than a cut-off.</summary>
    public bool? ExcludeOlderThanEnabled { get; init; }

    /// <summary>Whether imagery tasked by the user's own organization is excluded.</summary>
    public bool? ExcludeTaskedByOwnOrganization { get; init; }

    internal Models.CapellaAoiProperties ToProperties() => new()
    {
        Name = Name,
        Description = Description,
        Active = Active,
        ExcludeOlderThanEnabled = ExcludeOlderThanEnabled,
        ExcludeTaskedByOwnOrganization = ExcludeTaskedByOwnOrganization,
    };
}
