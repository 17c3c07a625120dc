namespace SatDownload.Benchmarks;

/// <summary>One measured run of one contender.</summary>
internal sealed record CaseMeasurement(string Contender, double Seconds, long Bytes, long PeakWorkingSet, long ServedBytes, bool Ok);
