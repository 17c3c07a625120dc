using SatDownload.Eos.Assets;

namespace SatDownload.Eos.Tests.Assets;

/// <summary>The founding document's result-type rule and detection from responses and file signatures.</summary>
public sealed class EosResultTypesTests
{
    [Theory]
    [InlineData("S2/13/R/EL/2023/7/19/0", "B04", null, null, EosResultType.Jp2, true)]
    [InlineData("S2/13/R/EL/2023/7/19/0", "B04", null, "MTD_TL.xml", EosResultType.Jp2, true)]
    [InlineData("L8/LC80110312016028LGN00", "B4", null, null, EosResultType.Tif, true)]
    [InlineData("L8/LC80110312016028LGN00", "B4", null, "MTL.txt", EosResultType.Zip, true)]
    [InlineData("S2/13/R/EL/2023/7/19/0", "B02,B03,B04", true, null, EosResultType.Tif, true)]
    [InlineData("S2/13/R/EL/2023/7/19/0", "B02,B03,B04", null, null, EosResultType.Tif, true)]
    [InlineData("S2/13/R/EL/2023/7/19/0", "B02,B03,B04", false, null, EosResultType.Zip, true)]
    [InlineData("S2/13/R/EL/2023/7/19/0", "B04,B11", true, null, EosResultType.Zip, true)]
    [InlineData("S2/13/R/EL/2023/7/19/0", "B02,B03,B04", true, "MTD_TL.xml", EosResultType.Zip, true)]
    [InlineData("L8/LC80110312016028LGN00", "B2,B3,B4", true, null, EosResultType.Tif, true)]
    [InlineData("L8/LC80110312016028LGN00", "B4,B8", true, null, EosResultType.Zip, true)]
    [InlineData("MODIS/12/04/2017204/2017213034223", "B01,B02", true, null, EosResultType.Zip, false)]
    public void The_documented_rule_is_applied(string viewId, string bands, bool? merge, string? metadata, EosResultType expected, bool certain)
    {
        var prediction = EosResultTypes.Predict(viewId, bands.Split(','), merge, metadata?.Split(','));
        Assert.Equal(expected, prediction.Type);
        Assert.Equal(certain, prediction.IsCertain);
        Assert.Equal(EosResultTypes.ExtensionOf(expected), prediction.Extension);
        Assert.False(string.IsNullOrWhiteSpace(prediction.Reason));
    }

    [Theory]
    [InlineData("image/tiff", null, EosResultType.Tif)]
    [InlineData("application/octet-stream", "x.TIFF", EosResultType.Tif)]
    [InlineData("image/jp2", null, EosResultType.Jp2)]
    [InlineData("application/zip", null, EosResultType.Zip)]
    [InlineData("application/x-zip-compressed", null, EosResultType.Zip)]
    [InlineData(null, "/a/b/result.zip", EosResultType.Zip)]
    [InlineData("application/octet-stream", null, EosResultType.Unknown)]
    public void The_type_is_read_from_content_type_or_name(string? contentType, string? name, EosResultType expected) =>
        Assert.Equal(expected, EosResultTypes.FromResponse(contentType, name));

    [Theory]
    [InlineData(new byte[] { 0x49, 0x49, 42, 0, 8, 0, 0, 0 }, EosResultType.Tif)]
    [InlineData(new byte[] { 0x4D, 0x4D, 0, 42, 0, 0, 0, 8 }, EosResultType.Tif)]
    [InlineData(new byte[] { 0x49, 0x49, 43, 0, 8, 0, 0, 0 }, EosResultType.Tif)]
    [InlineData(new byte[] { 0x50, 0x4B, 3, 4, 20, 0 }, EosResultType.Zip)]
    [InlineData(new byte[] { 0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A }, EosResultType.Jp2)]
    [InlineData(new byte[] { 0xFF, 0x4F, 0xFF, 0x51 }, EosResultType.Jp2)]
    [InlineData(new byte[] { (byte)'{', (byte)'"' }, EosResultType.Unknown)]
    public void The_type_is_read_from_the_first_bytes(byte[] header, EosResultType expected) =>
        Assert.Equal(expected, EosResultTypes.FromSignature(header));
}
