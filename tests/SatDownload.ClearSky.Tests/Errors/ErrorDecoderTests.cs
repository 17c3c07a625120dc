using SatDownload.ClearSky.Errors;
using SatDownload.Http;

namespace SatDownload.ClearSky.Tests.Errors;

/// <summary>ClearSKY's ServiceResult error envelope decoded into clear messages.</summary>
public sealed class ErrorDecoderTests
{
    [Theory]
    [InlineData(994, "top up")]
    [InlineData(1002, "SearchAvailableDatesAsync")]
    [InlineData(1003, "concurrent")]
    [InlineData(1004, "MaxCompositeAreaKm2")]
    [InlineData(1005, "MaxTotalBands")]
    [InlineData(1006, "AutomaticOrderCreation")]
    public void Each_documented_code_gets_its_explanation(int code, string hint)
    {
        var body = new ProviderErrorBody(400, "application/json", $$"""{"Succeeded":false,"Error":{"Message":"Failure.","Code":{{code}}},"Data":null}""");

        var ex = ProviderErrors.Create(body, ProviderNames.ClearSky, "POST /api/satelliteimages/process/composite", ClearSkyErrorDecoder.Decode);

        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.ErrorCode);
        Assert.Contains(hint, ex.Message, StringComparison.Ordinal);
        Assert.Equal(code == 1003, ex.IsRetryable);
    }

    [Fact]
    public void Validation_data_map_is_listed_property_by_property()
    {
        var body = new ProviderErrorBody(400, "application/json",
            """{"Succeeded":false,"Error":{"Message":"Validation failed","Code":993},"Data":{"Date":["Date must be in the past."],"Wkt":["Invalid polygon.","Self-intersection."]}}""");

        var ex = ProviderErrors.Create(body, ProviderNames.ClearSky, "POST /x", ClearSkyErrorDecoder.Decode);

        Assert.Equal("993", ex.ErrorCode);
        Assert.Contains("Date: Date must be in the past.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Wkt: Invalid polygon.; Wkt: Self-intersection.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_envelope_bodies_fall_back_to_the_common_decoder()
    {
        var body = new ProviderErrorBody(502, "text/html", "<html><title>Bad Gateway</title></html>");

        var ex = ProviderErrors.Create(body, ProviderNames.ClearSky, "POST /x", ClearSkyErrorDecoder.Decode);

        Assert.Equal(502, ex.Status);
        Assert.Contains("Bad Gateway", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsRetryable);
    }

    [Theory]
    [InlineData("""{"Succeeded":false,"Error":{"Message":"busy","Code":1003}}""", 1003)]
    [InlineData("""{"Succeeded":false,"Error":{"Message":"x","Code":"1006"}}""", 1006)]
    [InlineData("""not json""", null)]
    public void Code_is_read_from_number_or_string(string text, int? code) =>
        Assert.Equal(code, ClearSkyErrorDecoder.ReadCode(text));
}
