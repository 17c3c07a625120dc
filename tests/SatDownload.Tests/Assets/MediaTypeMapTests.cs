using SatDownload.Assets;

namespace SatDownload.Tests.Assets;

public class MediaTypeMapTests
{
    [Theory]
    [InlineData("image/tiff; application=geotiff; profile=cloud-optimized", ".tif")]
    [InlineData("IMAGE/JP2", ".jp2")]
    [InlineData("text/xml", ".xml")]
    [InlineData("application/octet-stream", "")]
    [InlineData(null, "")]
    [InlineData("  ", "")]
    public void Names_files_from_the_media_type_without_its_parameters(string? mediaType, string extension) =>
        Assert.Equal(extension, MediaTypeMap.ExtensionFor(mediaType));

    [Theory]
    [InlineData("scene/B04.TIF", "image/tiff; application=geotiff")]
    [InlineData("scene.tiff", "image/tiff; application=geotiff")]
    [InlineData("MTD_MSIL2A.xml", "application/xml")]
    [InlineData("preview.jpeg", "image/jpeg")]
    [InlineData("cube.nc", "application/x-netcdf")]
    [InlineData("README", null)]
    [InlineData("data.bin", null)]
    public void Types_files_known_only_by_name(string path, string? mediaType) =>
        Assert.Equal(mediaType, MediaTypeMap.MediaTypeFor(path));

    [Theory]
    [InlineData("a.tif", true)]
    [InlineData("a.JP2", true)]
    [InlineData("a.h5", true)]
    [InlineData("a.xml", false)]
    [InlineData("a.txt", false)]
    [InlineData("a", false)]
    public void Tells_data_files_from_metadata(string path, bool raster) =>
        Assert.Equal(raster, MediaTypeMap.IsRaster(path));
}
