using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using SatDownload.SentinelHub.Models;

namespace SatDownload.SentinelHub;

/// <summary>Pages through "View" list endpoints: <c>count</c> + <c>viewtoken</c> until <c>links.nextToken</c> is absent.</summary>
internal static class ViewPager
{
    public static async IAsyncEnumerable<T> PagesAsync<T>(SentinelHubPipeline pipeline, string path, string? sort, int? count, JsonTypeInfo<ViewPage<T>> typeInfo, string operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var query = new List<string>();
            if (count is { } c)
            {
                query.Add("count=" + c.ToString(CultureInfo.InvariantCulture));
            }

            if (sort is not null)
            {
                query.Add("sort=" + Uri.EscapeDataString(sort));
            }

            if (token is not null)
            {
                query.Add("viewtoken=" + Uri.EscapeDataString(token));
            }

            var page = await pipeline.SendJsonAsync(HttpMethod.Get, path + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query)), null, typeInfo, operation, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Data)
            {
                yield return item;
            }

            token = page.Links?.NextToken;

            // A token seen before would loop forever (sentinelhub-py's monitors once did); stop instead.
            if (string.IsNullOrEmpty(token) || page.Data.Count == 0 || !seen.Add(token))
            {
                yield break;
            }
        }
    }
}
