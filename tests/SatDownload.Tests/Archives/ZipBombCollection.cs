namespace SatDownload.Tests.Archives;

/// <summary>Keeps <see cref="ZipBombTests"/> from running beside other tests, whose allocations would count against its memory bound.</summary>
[CollectionDefinition(nameof(ZipBombTests), DisableParallelization = true)]
public sealed class ZipBombCollection
{
}
