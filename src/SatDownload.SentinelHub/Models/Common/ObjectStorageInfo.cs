using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>A pointer to object storage (<c>{"s3": {...}}</c>).</summary>
public sealed class ObjectStorageInfo
{
    /// <summary>The S3 location.</summary>
    [JsonPropertyName("s3")]
    public ObjectStorageS3? S3 { get; set; }

    /// <summary>Fields this model does not name (for example the <c>gs</c> variant).</summary>
    [JsonExtensionData]
    public IDictionary<string, System.Text.Json.JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates an S3 pointer.</summary>
    /// <param name="url">The <c>s3://</c> URL.</param>
    /// <param name="accessKey">Access key id, or null when using an IAM role.</param>
    /// <param name="secretAccessKey">Secret access key, or null.</param>
    /// <param name="iamRoleArn">IAM role ARN, or null.</param>
    /// <param name="region">Bucket region, or null.</param>
    /// <returns>The pointer.</returns>
    public static ObjectStorageInfo ForS3(string url, string? accessKey = null, string? secretAccessKey = null, string? iamRoleArn = null, string? region = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        Redactor.RegisterSecret(secretAccessKey);
        return new ObjectStorageInfo
        {
            S3 = new ObjectStorageS3 { Url = url, AccessKey = accessKey, SecretAccessKey = secretAccessKey, IamRoleArn = iamRoleArn, Region = region },
        };
    }
}
