namespace SatDownload.Testing;

/// <summary>The pixel type of every band of a <see cref="GeoTiffWriter"/> image.</summary>
public enum GeoTiffSampleType
{
    /// <summary>Unsigned 8-bit integers (GDAL <c>Byte</c>).</summary>
    Byte,

    /// <summary>Unsigned 16-bit integers (GDAL <c>UInt16</c>), typical of optical reflectance products.</summary>
    UInt16,

    /// <summary>IEEE 32-bit floats (GDAL <c>Float32</c>), typical of SAR backscatter or indices.</summary>
    Float32,
}
