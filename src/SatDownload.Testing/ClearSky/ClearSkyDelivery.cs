namespace SatDownload.Testing.ClearSky;

/// <summary>A file the emulated ClearSKY produced (returned in the response body or PUT to an <c>UploadUrl</c>).</summary>
/// <param name="Endpoint">The processing path, for example <c>/api/satelliteimages/process/composite</c>.</param>
/// <param name="FileName">The file name in <c>Content-Disposition</c>.</param>
/// <param name="Content">The GeoTIFF bytes.</param>
/// <param name="Sha256">The bytes' SHA-256, lowercase hex.</param>
/// <param name="UploadedTo">The <c>UploadUrl</c> it was PUT to; null when returned in the body.</param>
/// <param name="RequestBody">The request body that produced it.</param>
public sealed record ClearSkyDelivery(string Endpoint, string FileName, byte[] Content, string Sha256, string? UploadedTo, string RequestBody);
