using System.Collections;
using System.Reflection;
using System.Text;

namespace SatDownload.Reliability.Tests.Support;

/// <summary>
/// Looks for known secret values (API keys, client secrets, tokens, signed-URL signatures) in everything a user could
/// see: log output, exception messages and <c>ToString()</c>, model and result <c>ToString()</c>, and files written to
/// the destination. Adapters plug in by adding their secrets and sources; <see cref="AssertClean"/> lists every hit.
/// </summary>
public sealed class SecretScanner
{
    /// <summary>Property names whose values are credentials: reflection sets them to a secret and checks ToString hides it.</summary>
    private static readonly string[] SecretPropertyWords = ["Secret", "Password", "ApiKey", "Token", "Signature", "Credential"];

    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private readonly List<string> _hits = [];
    private readonly List<string> _sources = [];

    public SecretScanner(params string[] secrets)
    {
        foreach (var s in secrets)
        {
            AddSecret(s);
        }
    }

    /// <summary>Every source scanned, for the report and to prove the scan saw something.</summary>
    public IReadOnlyList<string> Sources => _sources;

    public IReadOnlyCollection<string> Secrets => _secrets;

    /// <summary>Adds a value that must never be visible. Short values (under 8 characters) are refused: they would match by accident.</summary>
    public void AddSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (secret.Length < 8)
        {
            throw new ArgumentException("Secrets under 8 characters would match ordinary text.", nameof(secret));
        }

        _secrets.Add(secret);
    }

    public void ScanText(string source, string? text)
    {
        _sources.Add(source);
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var secret in _secrets)
        {
            // Also the URL-escaped form: a secret in a query string or a form body is written escaped.
            if (text.Contains(secret, StringComparison.Ordinal) || text.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal))
            {
                var at = text.IndexOf(secret, StringComparison.Ordinal);
                var excerpt = at < 0 ? string.Empty : text.Substring(Math.Max(0, at - 60), Math.Min(text.Length - Math.Max(0, at - 60), secret.Length + 120));
                _hits.Add($"{source}: contains secret '{secret[..4]}…' near: {excerpt.Replace(secret, "<SECRET>", StringComparison.Ordinal)}");
            }
        }
    }

    /// <summary>Scans an exception's message, <c>ToString()</c>, <c>Data</c> and every inner exception.</summary>
    public void ScanException(string source, Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            ScanText(source + " message (" + ex.GetType().Name + ")", ex.Message);
            ScanText(source + " ToString (" + ex.GetType().Name + ")", ex.ToString());
            foreach (DictionaryEntry entry in ex.Data)
            {
                ScanText(source + " Data", entry.Key + "=" + entry.Value);
            }

            if (ex is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    ScanException(source + " inner", inner);
                }
            }

            // Typed error details (ProviderRequestException.Details and friends) are public too.
            foreach (var property in ex.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType != typeof(Exception) && p.GetIndexParameters().Length == 0))
            {
                ScanObject(source + " " + ex.GetType().Name + "." + property.Name, SafeGet(property, ex));
            }
        }
    }

    /// <summary>Scans an object's <c>ToString()</c>; lists and dictionaries item by item.</summary>
    public void ScanObject(string source, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                ScanText(source, s);
                return;
            case Exception ex:
                ScanException(source, ex);
                return;
            case IEnumerable items and not string:
                ScanText(source, SafeToString(value));
                var i = 0;
                foreach (var item in items)
                {
                    if (i++ > 1000)
                    {
                        break;
                    }

                    ScanObject(source + "[" + i + "]", item);
                }

                return;
            default:
                ScanText(source + " (" + value.GetType().Name + ")", SafeToString(value));
                return;
        }
    }

    /// <summary>Scans all log entries captured by <paramref name="logs"/>.</summary>
    public void ScanLogs(CapturingLoggerProvider logs, int minimumEntries = 1)
    {
        var entries = logs.Entries;
        if (entries.Count < minimumEntries)
        {
            _hits.Add($"logs: expected at least {minimumEntries} entries to scan, found {entries.Count} (is the logger wired?)");
        }

        foreach (var entry in entries)
        {
            ScanText($"log {entry.Level} {entry.Category}", entry.Text);
            ScanText($"log {entry.Level} {entry.Category} exception", entry.Exception);
        }
    }

    /// <summary>Scans the bytes of every file under <paramref name="directory"/> (sidecars, <c>.part</c> metadata, manifests, data).</summary>
    public void ScanDirectory(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            ScanText("file " + Path.GetRelativePath(directory, file) + " name", file);
            ScanText("file " + Path.GetRelativePath(directory, file), Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }
    }

    /// <summary>
    /// For every public non-abstract type in <paramref name="assemblies"/> with a public parameterless constructor:
    /// creates one, sets each settable string property whose name says it is a credential to a secret, and scans
    /// <c>ToString()</c>. Returns how many types were checked.
    /// </summary>
    public int ScanPublicTypes(string probeSecret, params Assembly[] assemblies)
    {
        AddSecret(probeSecret);
        var checkedTypes = 0;
        foreach (var type in assemblies.SelectMany(a => a.GetExportedTypes()))
        {
            if (type.IsAbstract || type.IsGenericTypeDefinition || type.IsInterface || typeof(Delegate).IsAssignableFrom(type) ||
                typeof(HttpMessageHandler).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
            {
                continue;
            }

            object instance;
            try
            {
                instance = Activator.CreateInstance(type)!;
            }
            catch (TargetInvocationException)
            {
                continue; // A type whose default constructor needs configuration (for example environment variables).
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.PropertyType == typeof(string) && property.SetMethod is { IsPublic: true } &&
                    SecretPropertyWords.Any(w => property.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))
                {
                    property.SetValue(instance, probeSecret);
                }
            }

            ScanObject("type " + type.FullName, instance);
            checkedTypes++;
        }

        return checkedTypes;
    }

    /// <summary>Fails with every hit.</summary>
    public void AssertClean()
    {
        Assert.True(_hits.Count == 0, $"{_hits.Count} secret leak(s) in {_sources.Count} sources:\n" + string.Join("\n", _hits.Distinct()));
    }

    private static object? SafeGet(PropertyInfo property, object target)
    {
        try
        {
            return property.GetValue(target);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    private static string SafeToString(object value)
    {
        try
        {
            return value.ToString() ?? string.Empty;
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or NullReferenceException)
        {
            return string.Empty;
        }
    }
}
