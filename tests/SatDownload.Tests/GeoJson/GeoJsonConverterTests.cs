using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;
using SatDownload.GeoJson;

namespace SatDownload.Tests.GeoJson;

public class GeoJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    [Fact]
    public void Factory_handles_geometry_and_concrete_types_in_a_model()
    {
        const string json = """{"id":"a","footprint":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"centre":{"type":"Point","coordinates":[0.5,0.3]},"any":{"type":"MultiPoint","coordinates":[[1,2]]},"missing":null}""";

        var model = JsonSerializer.Deserialize<FootprintModel>(json, Options)!;

        Assert.Equal("a", model.Id);
        Assert.Equal(0.5, model.Footprint!.Area, 12);
        Assert.Equal(0.5, model.Centre!.X);
        Assert.IsType<MultiPoint>(model.Any);
        Assert.Null(model.Missing);
        Assert.Equal(json, JsonSerializer.Serialize(model, Options));
    }

    [Fact]
    public void Source_generated_context_uses_the_factory()
    {
        const string json = """{"id":"b","footprint":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,0]]]},"centre":null,"any":{"type":"GeometryCollection","geometries":[]},"missing":null}""";

        var model = JsonSerializer.Deserialize(json, GeoJsonTestContext.Default.FootprintModel)!;

        Assert.Equal(2, model.Footprint!.Area, 12);
        Assert.IsType<GeometryCollection>(model.Any);
        Assert.Equal(json, JsonSerializer.Serialize(model, GeoJsonTestContext.Default.FootprintModel));
    }

    [Fact]
    public void Attribute_converter_works_on_a_concrete_property_type()
    {
        const string json = """{"area":{"type":"Polygon","coordinates":[[[0,0],[3,0],[3,3],[0,0]]]}}""";

        var model = JsonSerializer.Deserialize<AttributedModel>(json)!;

        Assert.Equal(4.5, model.Area!.Area, 12);
        Assert.Equal(json, JsonSerializer.Serialize(model));
    }

    [Fact]
    public void Mismatched_geometry_type_is_a_json_error()
    {
        const string json = """{"id":"c","footprint":{"type":"Point","coordinates":[1,2]}}""";

        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FootprintModel>(json, Options));

        Assert.Contains("expected a GeoJSON Polygon but found a Point", ex.Message, StringComparison.Ordinal);
        Assert.Equal("$.footprint", ex.Path);
    }

    [Fact]
    public void Error_inside_a_geometry_names_the_inner_path_and_the_document_path()
    {
        const string json = """{"id":"d","footprint":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"x"],[0,0]]]}}""";

        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FootprintModel>(json, Options));

        Assert.Contains("$.coordinates[0][2][1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not strings", ex.Message, StringComparison.Ordinal);
        Assert.Equal("$.footprint", ex.Path);
    }

    [Fact]
    public void Reader_is_left_on_the_end_of_the_geometry_so_later_members_are_read()
    {
        const string json = """[{"type":"Point","coordinates":[1,2],"extra":{"a":[1]}},{"type":"Point","coordinates":[3,4]}]""";

        var points = JsonSerializer.Deserialize<List<Point>>(json, Options)!;

        Assert.Equal(new[] { 1.0, 3.0 }, points.Select(p => p.X));
    }

    [Fact]
    public void Factory_reports_which_types_it_converts()
    {
        var factory = new GeoJsonConverterFactory();

        foreach (var type in new[] { typeof(Geometry), typeof(Point), typeof(LineString), typeof(Polygon), typeof(MultiPoint), typeof(MultiLineString), typeof(MultiPolygon), typeof(GeometryCollection) })
        {
            Assert.True(factory.CanConvert(type), type.Name);
        }

        Assert.False(factory.CanConvert(typeof(LinearRing)));
        Assert.False(factory.CanConvert(typeof(string)));
    }

    [Fact]
    public async Task Streaming_deserialisation_works_across_buffer_boundaries()
    {
        var coordinates = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"[{i * 0.001},{i * 0.0005}]"));
        var json = $$"""{"id":"e","footprint":null,"centre":null,"any":{"type":"LineString","coordinates":[{{coordinates}}]},"missing":null}""";
        await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        var model = await JsonSerializer.DeserializeAsync<FootprintModel>(stream, new JsonSerializerOptions(Options) { DefaultBufferSize = 128 });

        Assert.Equal(2000, model!.Any!.NumPoints);
    }
}

public sealed class FootprintModel
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("footprint")]
    public Polygon? Footprint { get; set; }

    [JsonPropertyName("centre")]
    public Point? Centre { get; set; }

    [JsonPropertyName("any")]
    public Geometry? Any { get; set; }

    [JsonPropertyName("missing")]
    public Geometry? Missing { get; set; }
}

public sealed class AttributedModel
{
    [JsonPropertyName("area")]
    [JsonConverter(typeof(GeoJsonGeometryConverter))]
    public Polygon? Area { get; set; }
}

[JsonSourceGenerationOptions(Converters = new[] { typeof(GeoJsonConverterFactory) })]
[JsonSerializable(typeof(FootprintModel))]
internal sealed partial class GeoJsonTestContext : JsonSerializerContext
{
}
