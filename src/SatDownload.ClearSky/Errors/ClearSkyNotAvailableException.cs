namespace SatDownload.ClearSky;

/// <summary>
/// <c>/composite/available</c> says the composite cannot be produced as requested; thrown before the composite request
/// (nothing is charged). <see cref="Availability"/> holds the flags.
/// </summary>
public class ClearSkyNotAvailableException : SatDownloadException
{
    /// <summary>Creates the exception.</summary>
    public ClearSkyNotAvailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ClearSkyNotAvailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ClearSkyNotAvailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the flags.</summary>
    /// <param name="message">The message.</param>
    /// <param name="availability">The flags.</param>
    public ClearSkyNotAvailableException(string message, ClearSkyAvailability availability)
        : base(message)
    {
        Availability = availability;
    }

    /// <summary>The availability flags.</summary>
    public ClearSkyAvailability? Availability { get; }
}
