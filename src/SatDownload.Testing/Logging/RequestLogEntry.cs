namespace SatDownload.Testing;

/// <summary>One request the emulator received, with secrets redacted (query values, credential headers, secrets in bodies).</summary>
public sealed record RequestLogEntry
{
    /// <summary>The order of arrival within the emulator, from 1.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the request arrived, on the emulator's <see cref="VirtualClock"/>.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path, for example <c>/iceye/api/v1/orders</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The query string with every value masked (<c>?expires=***&amp;sig=***</c>); empty when there is none.</summary>
    public required string Query { get; init; }

    /// <summary>The names of the query parameters, in order.</summary>
    public required IReadOnlyList<string> QueryParameterNames { get; init; }

    /// <summary>Request headers with credential values redacted by <see cref="Redactor"/> (case-insensitive keys).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The request body as text when it was small and textual (JSON, XML, form, text), secrets redacted; otherwise null.</summary>
    public string? RequestBody { get; init; }

    /// <summary>The name of the <see cref="IEmulatedProvider"/> whose base path matched; <c>blobs</c> for the blob store; null otherwise.</summary>
    public string? Provider { get; init; }

    /// <summary>The response status sent; 0 when the request was aborted before any response was sent (hang, client gone).</summary>
    public required int StatusCode { get; init; }

    /// <summary>The number of response body bytes sent.</summary>
    public required long BytesSent { get; init; }

    /// <summary>Whether the connection was aborted (by a fault or by the client) before the response completed.</summary>
    public bool Aborted { get; init; }

    /// <summary>The kinds of the faults applied to this request.</summary>
    public IReadOnlyList<FaultKind> Faults { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"#{Sequence} {Method} {Path}{Query} -> {StatusCode} ({BytesSent} bytes){(Aborted ? " aborted" : string.Empty)}";
}
