namespace SatDownload.ClearSky;

/// <summary>
/// A request resolved and serialized once (geometry chosen, EPSG filled in): the very same bytes go to
/// <c>/available</c>, <c>/estimate</c> and the composite, so the estimate is the estimate of what is downloaded.
/// </summary>
internal sealed record ClearSkyPayload(ClearSkyCompositeRequest Request, Aoi Aoi, byte[] Json, string Hash);
