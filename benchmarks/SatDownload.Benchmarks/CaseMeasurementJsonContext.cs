using System.Text.Json.Serialization;

namespace SatDownload.Benchmarks;

/// <summary>Source-generated JSON for <see cref="CaseMeasurement"/>.</summary>
[JsonSerializable(typeof(CaseMeasurement))]
internal sealed partial class CaseMeasurementJsonContext : JsonSerializerContext
{
}
