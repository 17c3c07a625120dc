namespace SatDownload;

/// <summary>A point where two edges of a polygon's rings meet although they should not; vertices are input indices.</summary>
internal readonly record struct RingCrossing(double X, double Y, int RingA, int FromA, int ToA, int RingB, int FromB, int ToB);
