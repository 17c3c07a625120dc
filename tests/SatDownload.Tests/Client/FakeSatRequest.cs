using System.Text.Json;

namespace SatDownload.Tests.Client;

/// <summary>The test provider's request: a scene with bands and a resolution.</summary>
internal sealed class FakeSatRequest : ImageryRequest
{
    public override string Provider => "fakesat";

    public override string Kind => "scene-order";

    public string Scene { get; init; } = "S1";

    public IReadOnlyList<string> Bands { get; init; } = ["red", "green", "blue"];

    public double ResolutionMeters { get; init; } = 0.5;

    public DateTimeOffset? AcquiredAfter { get; init; }

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrWhiteSpace(Scene))
        {
            throw new ImageryRequestValidationException("FakeSatRequest.Scene", "is empty; give the scene id to order.");
        }

        if (!(ResolutionMeters > 0))
        {
            throw new ImageryRequestValidationException("FakeSatRequest.ResolutionMeters", "must be positive.");
        }
    }

    protected override void WriteCanonicalFields(Utf8JsonWriter writer)
    {
        // Deliberately not in alphabetical order: the canonical form sorts keys.
        writer.WriteString("scene", Scene);
        writer.WriteNumber("resolutionMeters", ResolutionMeters);
        writer.WriteStartArray("bands");
        foreach (var band in Bands.Order(StringComparer.Ordinal))
        {
            writer.WriteStringValue(band);
        }

        writer.WriteEndArray();
        if (AcquiredAfter is { } after)
        {
            writer.WriteString("acquiredAfter", after.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
