using System.Collections.Concurrent;

namespace SatDownload.Http;

/// <summary>
/// Hands out one <see cref="ProviderRateLimiter"/> per (provider, credential fingerprint), so every client instance that
/// uses the same account shares its quota. The credential is hashed (<see cref="OAuth2TokenProviderRegistry.Fingerprint"/>);
/// the secret itself is never stored as a key. Use <see cref="Shared"/> without DI; <c>AddSatDownload</c> registers a singleton.
/// </summary>
public class RateLimiterRegistry
{
    private readonly ConcurrentDictionary<string, ProviderRateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a registry.</summary>
    /// <param name="timeProvider">The clock for its limiters; <see cref="TimeProvider.System"/> when null.</param>
    public RateLimiterRegistry(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The process-wide registry used when no DI container is involved.</summary>
    public static RateLimiterRegistry Shared { get; } = new();

    /// <summary>How many limiters exist.</summary>
    public virtual int Count => _limiters.Count;

    /// <summary>Returns the limiter for this provider account, creating it with <paramref name="options"/> on first use.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="credential">The API key, client id or other account identifier (hashed, never stored).</param>
    /// <param name="options">The limits, used when the limiter is created (later calls get the existing limiter).</param>
    /// <returns>The shared limiter.</returns>
    public virtual ProviderRateLimiter GetOrCreate(string provider, string? credential, RateLimitOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var key = provider + "\n" + OAuth2TokenProviderRegistry.Fingerprint(credential);
        return _limiters.GetOrAdd(key, static (_, state) => new ProviderRateLimiter(state.options, state.clock), (options, clock: _timeProvider));
    }
}
