using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SatDownload.Reliability.Tests.Support;

/// <summary>
/// Captures every log entry at every level (Trace included): the formatted message, the exception's full text and
/// every structured state value, so a secret cannot hide in a field the formatter leaves out.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner._entries.Enqueue(new CapturedLogEntry(category, LogLevel.None, "scope: " + state, null));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                text += " | " + string.Join("; ", values.Select(kv => kv.Key + "=" + kv.Value));
            }

            owner._entries.Enqueue(new CapturedLogEntry(category, logLevel, text, exception?.ToString()));
        }
    }
}

/// <summary>One captured entry.</summary>
public sealed record CapturedLogEntry(string Category, LogLevel Level, string Text, string? Exception);
