using System.Text.Json;
using System.Text.Json.Serialization;

namespace SatDownload.Eos.Models;

/// <summary>
/// The JSON answer of <c>GET /api/gdw/api/{task_id}</c> (and, presumably, the callback payload): the status and, once
/// the task succeeded, where the result is. How EOS delivers results is not documented; every form seen in the wild is
/// modelled: a <c>result</c> array of objects with <c>url</c>, a <c>result</c> array of strings, a single <c>result_url</c>.
/// </summary>
public sealed class EosTaskStatusResponse
{
    /// <summary>The raw status, for example <c>created</c>, <c>started</c>, <c>success</c>, <c>failed</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The task id.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; init; }

    /// <summary>The request id.</summary>
    [JsonPropertyName("req_id")]
    public string? RequestId { get; init; }

    /// <summary>The task's lifetime in seconds, when repeated on the status call.</summary>
    [JsonPropertyName("task_timeout")]
    public long? TaskTimeoutSeconds { get; init; }

    /// <summary>
    /// The raw <c>result</c> member: an array of <c>{url}</c> objects or of strings for raster tasks, per-scene records for
    /// statistics tasks. Read it through <see cref="GetResultUrls"/>.
    /// </summary>
    [JsonPropertyName("result")]
    public JsonElement? Result { get; init; }

    /// <summary>A single result URL (the form one third-party client reads).</summary>
    [JsonPropertyName("result_url")]
    public string? ResultUrl { get; init; }

    /// <summary>Errors reported for the task (strings or objects, kept raw).</summary>
    [JsonPropertyName("errors")]
    public JsonElement? Errors { get; init; }

    /// <summary>A failure message, when EOS gives one.</summary>
    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; init; }

    /// <summary>A free-form message, when EOS gives one.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Fields EOS sends that this version does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Collects every result URL the response carries, in order, without duplicates.</summary>
    /// <returns>The absolute http(s) URLs found in <see cref="Result"/> and <see cref="ResultUrl"/>.</returns>
    public IReadOnlyList<Uri> GetResultUrls()
    {
        var urls = new List<Uri>();
        void Add(string? text)
        {
            if (!string.IsNullOrWhiteSpace(text) && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) &&
                (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !urls.Contains(uri))
            {
                urls.Add(uri);
            }
        }

        if (Result is { } result)
        {
            switch (result.ValueKind)
            {
                case JsonValueKind.String:
                    Add(result.GetString());
                    break;
                case JsonValueKind.Object:
                    AddFromObject(result, Add);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in result.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String)
                        {
                            Add(item.GetString());
                        }
                        else if (item.ValueKind == JsonValueKind.Object)
                        {
                            AddFromObject(item, Add);
                        }
                    }

                    break;
            }
        }

        Add(ResultUrl);
        return urls;
    }

    /// <summary>
    /// Describes a <see cref="Result"/> or <see cref="ResultUrl"/> that is present but yields no usable URL (a number, a
    /// URL that is not absolute http(s), an object without a URL), or null when neither is present or a URL was found.
    /// </summary>
    /// <returns>What is wrong, naming the JSON path, or null.</returns>
    public string? DescribeUnusableResult()
    {
        if (GetResultUrls().Count > 0)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(ResultUrl))
        {
            return "$.result_url is not an absolute http(s) URL";
        }

        return Result switch
        {
            null => null,
            { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            { ValueKind: JsonValueKind.Array } a when a.GetArrayLength() == 0 => null,
            { ValueKind: JsonValueKind.Array } => "no item of $.result holds an absolute http(s) URL (as a string or in url/href/link)",
            { ValueKind: JsonValueKind.Object } => "$.result holds no absolute http(s) URL (in url/href/link)",
            { ValueKind: JsonValueKind.String } => "$.result is not an absolute http(s) URL",
            { } other => $"$.result is a {other.ValueKind}, not a URL, a list of URLs or an object with one",
        };
    }

    /// <summary>A readable summary of <see cref="ErrorMessage"/>, <see cref="Message"/> and <see cref="Errors"/>.</summary>
    /// <returns>The text, or null when the response says nothing.</returns>
    public string? DescribeErrors()
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(ErrorMessage))
        {
            parts.Add(ErrorMessage.Trim());
        }

        if (!string.IsNullOrWhiteSpace(Message))
        {
            parts.Add(Message.Trim());
        }

        if (Errors is { ValueKind: JsonValueKind.Array } errors)
        {
            foreach (var e in errors.EnumerateArray())
            {
                parts.Add(e.ValueKind == JsonValueKind.String ? e.GetString() ?? string.Empty : e.GetRawText());
            }
        }
        else if (Errors is { ValueKind: JsonValueKind.String } one)
        {
            parts.Add(one.GetString() ?? string.Empty);
        }

        parts.RemoveAll(string.IsNullOrWhiteSpace);
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static void AddFromObject(JsonElement obj, Action<string?> add)
    {
        foreach (var name in new[] { "url", "href", "link", "download_url", "result_url" })
        {
            if (obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                add(value.GetString());
            }
        }
    }
}
