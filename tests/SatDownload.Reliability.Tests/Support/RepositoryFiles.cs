namespace SatDownload.Reliability.Tests.Support;

internal static class RepositoryFiles
{
    /// <summary>The repository root: the first parent of the test binaries that holds SatDownload.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SatDownload.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SatDownload.sln was not found above " + AppContext.BaseDirectory);
    }
}
