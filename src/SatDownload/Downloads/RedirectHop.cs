namespace SatDownload.Downloads;

/// <summary>One request of a redirect chain: where it goes, how, and whether it carries the location's body and headers.</summary>
/// <param name="Uri">The absolute URI of this hop.</param>
/// <param name="Method">The method (a 303, or a 301/302 after a POST, turns into GET).</param>
/// <param name="KeepsBody">Whether the location's body is sent.</param>
/// <param name="CarriesLocationHeaders">Whether the location's headers (credentials) are sent: only on their own origin.</param>
/// <param name="Number">0 for the location itself, then 1, 2, ... per redirect followed.</param>
internal readonly record struct RedirectHop(Uri Uri, HttpMethod Method, bool KeepsBody, bool CarriesLocationHeaders, int Number);
