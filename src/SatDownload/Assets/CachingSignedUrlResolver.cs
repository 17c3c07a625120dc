using System.Collections.Concurrent;

namespace SatDownload;

/// <summary>
/// Base class for resolvers whose signing costs a provider call: caches each asset's location until shortly before it
/// expires, shares one in-flight resolution between concurrent callers (segments of one file), and always signs again
/// when the downloader reports an expiry or refusal. Adapters derive from it so that no adapter re-implements the cache.
/// </summary>
public abstract class CachingSignedUrlResolver : ISignedUrlResolver
{
    private readonly ConcurrentDictionary<string, Lazy<Task<DownloadLocation>>> _cache = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the resolver.</summary>
    /// <param name="timeProvider">The clock used to judge expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="refreshMargin">How long before a location's expiry it is treated as expired; 60 seconds when null.</param>
    protected CachingSignedUrlResolver(TimeProvider? timeProvider = null, TimeSpan? refreshMargin = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        RefreshMargin = refreshMargin ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>How long before a location's expiry it is treated as expired.</summary>
    public TimeSpan RefreshMargin { get; }

    /// <inheritdoc />
    public async ValueTask<DownloadLocation> ResolveAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(context);
        var key = asset.Identity;

        if (context.MustRefresh && _cache.TryGetValue(key, out var stale) && stale.IsValueCreated && stale.Value.IsCompletedSuccessfully)
        {
            // Already complete, so this await does not wait. Only drop the entry that the caller saw fail;
            // another segment may already have refreshed it.
            var cached = await stale.Value.ConfigureAwait(false);
            if (ReferenceEquals(cached, context.PreviousLocation))
            {
                _cache.TryRemove(new KeyValuePair<string, Lazy<Task<DownloadLocation>>>(key, stale));
            }
        }

        for (var round = 0; ; round++)
        {
            var entry = _cache.GetOrAdd(key, _ => new Lazy<Task<DownloadLocation>>(() => ResolveFreshAsync(asset, context, CancellationToken.None)));
            DownloadLocation location;
            try
            {
                location = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _cache.TryRemove(new KeyValuePair<string, Lazy<Task<DownloadLocation>>>(key, entry));
                throw;
            }

            var isStale = ReferenceEquals(location, context.PreviousLocation) ||
                        location.IsExpired(_timeProvider.GetUtcNow(), RefreshMargin);

            // A provider that signs with a lifetime shorter than the margin still gets used after a few tries.
            if (!isStale || round >= 2)
            {
                return location;
            }

            _cache.TryRemove(new KeyValuePair<string, Lazy<Task<DownloadLocation>>>(key, entry));
        }
    }

    /// <summary>Forgets every cached location.</summary>
    public void Clear() => _cache.Clear();

    /// <summary>Signs the asset now, calling the provider.</summary>
    /// <param name="asset">The asset.</param>
    /// <param name="context">Why a fresh location is needed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A fresh location.</returns>
    protected abstract Task<DownloadLocation> ResolveFreshAsync(ImageryAsset asset, SignedUrlResolveContext context, CancellationToken cancellationToken);
}
