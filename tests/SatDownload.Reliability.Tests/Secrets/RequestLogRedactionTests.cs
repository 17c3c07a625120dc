using System.Net.Http.Headers;
using System.Text;
using SatDownload.Testing;

namespace SatDownload.Reliability.Tests.Secrets;

/// <summary>
/// The emulator's <see cref="RequestLog"/> is what failing tests print: it must never hold a credential, even one the
/// process never registered with <see cref="Redactor"/> (a wrong secret, a token minted by the emulator), in the query,
/// the headers or the body.
/// </summary>
public sealed class RequestLogRedactionTests
{
    // Never registered: only the log's own redaction can hide them.
    private const string FormSecret = "unregistered-form-secret-7Q2x9";
    private const string JsonKey = "unregistered-json-api-key-3Vb8";
    private const string JsonToken = "unregistered-json-token-Kp4m1";
    private const string Password = "unregistered-password-Zr5w0";
    private const string HeaderKey = "unregistered-header-key-Yt6n2";
    private const string Bearer = "unregistered-bearer-Jd3s8q";
    private const string Signature = "unregistered-signature-Hg2p7";

    [Fact]
    public async Task Bodies_headers_and_queries_in_the_request_log_are_redacted()
    {
        await using var emulator = await ProviderEmulator.StartAsync();
        using var http = new HttpClient();

        using (var form = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUri, "auth/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "me", ["client_secret"] = FormSecret }),
        })
        {
            (await http.SendAsync(form)).Dispose();
        }

        using (var json = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUri, "api/login"))
        {
            Content = new StringContent($"{{\"apiKey\":\"{JsonKey}\",\"access_token\":\"{JsonToken}\",\"password\": \"{Password}\",\"user\":\"me\"}}", Encoding.UTF8, "application/json"),
        })
        {
            json.Headers.Add("X-Api-Key", HeaderKey);
            json.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
            (await http.SendAsync(json)).Dispose();
        }

        (await http.GetAsync(new Uri(emulator.BaseUri, $"signed/x.tif?expires=1&sig={Signature}&key={HeaderKey}"))).Dispose();

        var entries = emulator.Requests.Snapshot();
        Assert.Equal(3, entries.Count);
        var everything = string.Join("\n", entries.Select(e =>
            e + " " + e.Query + " " + e.RequestBody + " " + string.Join(";", e.Headers.Select(h => h.Key + "=" + h.Value))));
        foreach (var secret in new[] { FormSecret, JsonKey, JsonToken, Password, HeaderKey, Bearer, Signature })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        // Still useful: the non-secret parts are there.
        Assert.Contains("client_id=me", entries[0].RequestBody, StringComparison.Ordinal);
        Assert.Contains("\"user\":\"me\"", entries[1].RequestBody, StringComparison.Ordinal);
        Assert.Equal(["expires", "sig", "key"], entries[2].QueryParameterNames);
    }
}
