namespace SatDownload.Capella.Tests.Support;

/// <summary>net8.0 has no System.Linq.AsyncEnumerable; a collector for both targets.</summary>
internal static class AsyncEnumerableExtensions
{
    public static async Task<List<T>> CollectAsync<T>(this IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
