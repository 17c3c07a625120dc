using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace SatDownload.Downloads;

/// <summary>
/// Hashes a file while it is written, when writes arrive in file order (the single-stream case and the first segment),
/// and catches up from disk for whatever arrived out of order (other segments, bytes resumed from an earlier run).
/// Either way each byte is hashed exactly once, in order.
/// </summary>
internal sealed class FileHasher : IDisposable
{
    private readonly object _gate = new();
    private readonly bool _sha256;
    private readonly bool _md5;
    private IncrementalHash? _sha256Hash;
    private IncrementalHash? _md5Hash;
    private long _hashedUpTo;

    public FileHasher(bool sha256, bool md5)
    {
        _sha256 = sha256;
        _md5 = md5;
        _md5Enabled = md5;
        Reset();
    }

    private bool _md5Enabled;

    public bool IsActive => _sha256 || _md5Enabled;

    public long HashedUpTo => Volatile.Read(ref _hashedUpTo);

    /// <summary>Hashes <paramref name="data"/> if it continues the hashed prefix; otherwise leaves it for <see cref="CatchUpAsync"/>.</summary>
    public void OnWritten(long offset, ReadOnlySpan<byte> data)
    {
        if (!IsActive || offset != Volatile.Read(ref _hashedUpTo))
        {
            return;
        }

        lock (_gate)
        {
            if (offset != _hashedUpTo)
            {
                return;
            }

            _sha256Hash?.AppendData(data);
            _md5Hash?.AppendData(data);
            Volatile.Write(ref _hashedUpTo, offset + data.Length);
        }
    }

    /// <summary>Starts computing MD5 too (an S3 ETag turned out to be one); only possible before any byte is hashed.</summary>
    public bool EnableMd5()
    {
        lock (_gate)
        {
            if (_md5Hash is not null)
            {
                return true;
            }

            if (_hashedUpTo != 0)
            {
                return false;
            }

#pragma warning disable CA5351 // MD5 verifies a storage-published checksum; it is not used for security.
            _md5Hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
            _md5Enabled = true;
            return true;
        }
    }

    /// <summary>Forgets everything hashed (the file is being rewritten from zero).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _sha256Hash?.Dispose();
            _md5Hash?.Dispose();
            _sha256Hash = _sha256 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
#pragma warning disable CA5351 // MD5 verifies a provider-published checksum; it is not used for security.
            _md5Enabled = _md5;
            _md5Hash = _md5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
#pragma warning restore CA5351
            Volatile.Write(ref _hashedUpTo, 0);
        }
    }

    /// <summary>Reads [hashed prefix, <paramref name="length"/>) from the file and hashes it.</summary>
    public async Task CatchUpAsync(SafeFileHandle handle, long length, int bufferSize, CancellationToken cancellationToken)
    {
        if (!IsActive || HashedUpTo >= length)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, 1024 * 1024));
        try
        {
            while (true)
            {
                var position = HashedUpTo;
                if (position >= length)
                {
                    break;
                }

                var want = (int)Math.Min(buffer.Length, length - position);
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, want), position, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new DownloadIntegrityException($"The partial file ended at byte {position} while {length} bytes were expected.");
                }

                OnWritten(position, buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The lower-case hex digests (null for an algorithm not computed).</summary>
    public (string? Sha256, string? Md5) Finish()
    {
        lock (_gate)
        {
            var sha = _sha256Hash is null ? null : Convert.ToHexString(_sha256Hash.GetHashAndReset()).ToLowerInvariant();
            var md5 = _md5Hash is null ? null : Convert.ToHexString(_md5Hash.GetHashAndReset()).ToLowerInvariant();
            return (sha, md5);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _sha256Hash?.Dispose();
            _md5Hash?.Dispose();
            _sha256Hash = null;
            _md5Hash = null;
        }
    }
}
