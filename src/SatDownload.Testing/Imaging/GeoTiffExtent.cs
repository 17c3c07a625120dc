namespace SatDownload.Testing;

/// <summary>
/// The outer edges of a raster in its coordinate reference system: degrees (longitude/latitude) for EPSG:4326, metres
/// for UTM. <see cref="MinX"/>/<see cref="MaxY"/> is the top-left corner of the top-left pixel.
/// </summary>
/// <param name="MinX">West edge.</param>
/// <param name="MinY">South edge.</param>
/// <param name="MaxX">East edge.</param>
/// <param name="MaxY">North edge.</param>
public readonly record struct GeoTiffExtent(double MinX, double MinY, double MaxX, double MaxY);
