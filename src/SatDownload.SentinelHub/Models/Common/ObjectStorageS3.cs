using System.Text.Json.Serialization;

namespace SatDownload.SentinelHub.Models;

/// <summary>An S3 location with credentials, as used by delivery, evalscript references and Batch inputs/outputs.</summary>
/// <remarks>Secrets set here are registered with <see cref="Redactor"/> by the client before anything is sent.</remarks>
public sealed class ObjectStorageS3
{
    /// <summary>The <c>s3://bucket/prefix</c> URL or path template.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    /// <summary>An IAM role Sentinel Hub assumes instead of access keys.</summary>
    [JsonPropertyName("iamRoleARN")]
    public string? IamRoleArn { get; set; }

    /// <summary>The AWS access key id.</summary>
    [JsonPropertyName("accessKey")]
    public string? AccessKey { get; set; }

    /// <summary>The AWS secret access key.</summary>
    [JsonPropertyName("secretAccessKey")]
    public string? SecretAccessKey { get; set; }

    /// <summary>The bucket's region, when it differs from the deployment's.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; set; }

    /// <summary>Fields the service returns that this model does not name.</summary>
    [JsonExtensionData]
    public IDictionary<string, System.Text.Json.JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"s3 {Url} (credentials {(AccessKey is null && IamRoleArn is null ? "none" : Redactor.Mask)})";
}
