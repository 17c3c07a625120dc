namespace SatDownload.SentinelHub;

/// <summary>
/// Where a Batch v2 task's objects are: every output from the path template, and the folder of the bookkeeping files.
/// The folder is the template up to and including <c>&lt;requestId&gt;/</c> (the default layout's task folder), else the
/// literal prefix before the first placeholder; the service does not document it further.
/// </summary>
public static class BatchOutputLayout
{
    /// <summary>The output object of one tile and output.</summary>
    /// <param name="template">The template (see <see cref="SentinelHubBatchTask.OutputTemplate"/>).</param>
    /// <param name="requestId">The task id.</param>
    /// <param name="tileName">The tile name.</param>
    /// <param name="outputId">The output identifier.</param>
    /// <param name="format">The extension without the dot (<c>tif</c>, <c>json</c>).</param>
    /// <returns>The <c>s3://</c> URL.</returns>
    public static Uri OutputUri(string template, string requestId, string tileName, string outputId, string format)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (var (value, name) in new[] { (requestId, nameof(requestId)), (tileName, nameof(tileName)), (outputId, nameof(outputId)), (format, nameof(format)) })
        {
            if (string.IsNullOrEmpty(value) || value.Contains('/', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal) || value is "." or ".." || value.Contains('<', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{value}' cannot be a path segment of an output object.", name);
            }
        }

        var url = template.Replace("<requestId>", requestId, StringComparison.Ordinal).Replace("<tileName>", tileName, StringComparison.Ordinal)
            .Replace("<outputId>", outputId, StringComparison.Ordinal).Replace("<format>", format, StringComparison.Ordinal);
        return S3Path.Parse(url, "output path");
    }

    /// <summary>The folder of the feature manifest and execution database.</summary>
    /// <param name="template">The template.</param>
    /// <param name="requestId">The task id.</param>
    /// <returns>The <c>s3://</c> folder URL ending with <c>/</c>.</returns>
    public static Uri TaskFolder(string template, string requestId)
    {
        ArgumentNullException.ThrowIfNull(template);
        var at = template.IndexOf("<requestId>", StringComparison.Ordinal);
        if (at >= 0)
        {
            return new Uri(template[..at] + requestId + "/");
        }

        return S3Path.ListPrefix(template);
    }

    /// <summary>The execution database (<c>execution-&lt;requestId&gt;.sqlite</c>).</summary>
    /// <param name="template">The template.</param>
    /// <param name="requestId">The task id.</param>
    /// <returns>The URL.</returns>
    public static Uri ExecutionDatabaseUri(string template, string requestId) => new(TaskFolder(template, requestId), "execution-" + requestId + ".sqlite");

    /// <summary>The feature manifest (<c>featureManifest-&lt;requestId&gt;.gpkg</c>).</summary>
    /// <param name="template">The template.</param>
    /// <param name="requestId">The task id.</param>
    /// <returns>The URL.</returns>
    public static Uri FeatureManifestUri(string template, string requestId) => new(TaskFolder(template, requestId), "featureManifest-" + requestId + ".gpkg");

    /// <summary>The <c>&lt;format&gt;</c> value of a response format.</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns><c>tif</c>, <c>json</c>, ...</returns>
    public static string FormatExtension(string? mediaType) => SentinelHubFormats.ExtensionFor(mediaType ?? SentinelHubFormats.Tiff).TrimStart('.');
}
