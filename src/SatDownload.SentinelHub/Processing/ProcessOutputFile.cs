namespace SatDownload.SentinelHub;

/// <summary>One file written by a Process call.</summary>
/// <param name="Identifier">The response identifier (<c>default</c>, <c>userdata</c>, ...).</param>
/// <param name="FilePath">Full path of the file.</param>
/// <param name="MediaType">Media type of the response.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="Tile">The grid tile when the area was split, otherwise null.</param>
public sealed record ProcessOutputFile(string Identifier, string FilePath, string MediaType, long Length, string Sha256, GridTile? Tile);
