namespace SatDownload;

/// <summary>
/// An <see cref="ImageryRequest"/> is invalid. Thrown by <see cref="ImageryRequest.Validate"/> before any network call,
/// naming the field and how to fix it.
/// </summary>
public class ImageryRequestValidationException : SatDownloadException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ImageryRequestValidationException()
        : base("The imagery request is invalid.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ImageryRequestValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ImageryRequestValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for one field.</summary>
    /// <param name="field">The field, for example <c>IceyeTaskRequest.ProductType</c>.</param>
    /// <param name="problem">What is wrong and how to fix it, as the end of a sentence that starts with the field name.</param>
    public ImageryRequestValidationException(string field, string problem)
        : base($"{field} {problem}")
    {
        Field = field;
    }

    /// <summary>The field at fault, when one field is.</summary>
    public string? Field { get; }
}
