using SatDownload.Iceye.Errors;

namespace SatDownload.Iceye.Tests.Errors;

public class IceyeErrorDecoderTests
{
    [Fact]
    public void Problem_details_give_code_title_details_and_reference()
    {
        var (code, message) = IceyeErrorDecoder.Decode(
            """{"title":"Bad Request","code":"validation_error","details":"acquisitionWindow must be at least 24h","reference":"https://docs.iceye.com/errors"}""");

        Assert.Equal("validation_error", code);
        Assert.Equal("Bad Request. acquisitionWindow must be at least 24h See https://docs.iceye.com/errors", message);
    }

    [Fact]
    public void Structured_details_and_rfc7807_members_are_read()
    {
        Assert.Equal(
            ("invalid", "Invalid. a; b"),
            IceyeErrorDecoder.Decode("""{"title":"Invalid","code":"invalid","details":["a","b"]}"""));
        Assert.Equal(
            ((string?)null, "Not Found. no such task"),
            IceyeErrorDecoder.Decode("""{"title":"Not Found","detail":"no such task","status":"404"}"""));
    }

    [Fact]
    public void OAuth_errors_plain_text_html_and_empty_bodies_are_handled()
    {
        Assert.Equal(("invalid_client", "bad secret"), IceyeErrorDecoder.Decode("""{"error":"invalid_client","error_description":"bad secret"}"""));
        Assert.Equal(((string?)null, "upstream timed out"), IceyeErrorDecoder.Decode("upstream timed out\n"));
        Assert.Equal(((string?)null, "502 Bad Gateway"), IceyeErrorDecoder.Decode("<html><head><title>502 Bad Gateway</title></head><body>x</body></html>"));
        Assert.Equal(((string?)null, "{not json"), IceyeErrorDecoder.Decode("{not json"));
        Assert.Equal(((string?)null, (string?)null), IceyeErrorDecoder.Decode("  "));
    }
}
