namespace SatDownload.Eos.Models;

/// <summary>Helpers over EOS view ids such as <c>S2/13/R/EL/2023/7/19/0</c> or <c>L8/LC80110312016028LGN00</c>.</summary>
public static class EosViewId
{
    /// <summary>Returns the sensor prefix of a view id (the part before the first slash, upper-cased).</summary>
    /// <param name="viewId">The view id.</param>
    /// <returns>The sensor, for example <c>S2</c>, or null when the view id has no slash.</returns>
    public static string? SensorOf(string? viewId)
    {
        if (string.IsNullOrWhiteSpace(viewId))
        {
            return null;
        }

        var slash = viewId.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? null : viewId[..slash].Trim().ToUpperInvariant();
    }
}
