namespace SatDownload.Testing.Eos;

/// <summary>A scene in the EOS emulator's search catalogue.</summary>
/// <param name="Dataset">The dataset id, for example <c>sentinel2</c>.</param>
/// <param name="ViewId">The view id.</param>
/// <param name="SceneId">The scene id.</param>
/// <param name="Date">The acquisition day.</param>
/// <param name="CloudCoverage">Cloud cover in percent.</param>
public sealed record EosEmulatedScene(string Dataset, string ViewId, string SceneId, DateOnly Date, double CloudCoverage);
