using System.Buffers;
using System.Security.Cryptography;

namespace SatDownload.Testing;

/// <summary>
/// One immutable version of a blob in an <see cref="EmulatorBlobStore"/>: its bytes (held in memory or generated on
/// the fly) and the metadata served with them. <see cref="EmulatorBlobStore.Replace(string, byte[])"/> creates a new
/// version with a new <see cref="ETag"/>.
/// </summary>
public sealed class EmulatorBlob
{
    private const int ChunkSize = 64 * 1024;

    private readonly byte[]? _bytes;
    private readonly Lazy<(byte[] Md5, byte[] Sha256)> _hashes;

    internal EmulatorBlob(string name, byte[]? bytes, int? seed, long length, string contentType, string? contentDisposition, string etag, DateTimeOffset lastModified)
    {
        Name = name;
        _bytes = bytes;
        Seed = seed;
        Length = length;
        ContentType = contentType;
        ContentDisposition = contentDisposition;
        ETag = etag;
        LastModified = lastModified;
        _hashes = new Lazy<(byte[], byte[])>(ComputeHashes, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The blob name (the path after <c>/blobs/</c> or <c>/signed/</c>).</summary>
    public string Name { get; }

    /// <summary>The length in bytes.</summary>
    public long Length { get; }

    /// <summary>The <c>Content-Type</c> served.</summary>
    public string ContentType { get; }

    /// <summary>The <c>Content-Disposition</c> served, if any.</summary>
    public string? ContentDisposition { get; }

    /// <summary>The strong entity tag, quotes included (for example <c>"3f2a…"</c>).</summary>
    public string ETag { get; }

    /// <summary>The <c>Last-Modified</c> instant (whole seconds, on the emulator's clock).</summary>
    public DateTimeOffset LastModified { get; }

    /// <summary>The seed of generated content; null when the blob holds explicit bytes.</summary>
    public int? Seed { get; }

    /// <summary>The MD5 of the whole content (computed once, on first use).</summary>
    public ReadOnlyMemory<byte> Md5 => _hashes.Value.Md5;

    /// <summary>The SHA-256 of the whole content (computed once, on first use).</summary>
    public ReadOnlyMemory<byte> Sha256 => _hashes.Value.Sha256;

    /// <summary>The SHA-256 of the whole content as lowercase hex.</summary>
    public string Sha256Hex => Convert.ToHexString(_hashes.Value.Sha256).ToLowerInvariant();

    /// <summary>Returns the whole content as an array; meant for small blobs.</summary>
    /// <returns>A copy of the bytes.</returns>
    /// <exception cref="InvalidOperationException">The blob is larger than 256 MiB.</exception>
    public byte[] ToArray()
    {
        if (Length > 256L * 1024 * 1024)
        {
            throw new InvalidOperationException($"Blob '{Name}' is {Length} bytes; ToArray is for small blobs. Use GeneratedContent.Fill or Sha256 instead.");
        }

        var result = new byte[Length];
        CopyTo(0, result);
        return result;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Length} bytes, {ContentType}, ETag {ETag})";

    internal void CopyTo(long offset, Span<byte> destination)
    {
        if (_bytes is not null)
        {
            _bytes.AsSpan((int)offset, destination.Length).CopyTo(destination);
        }
        else
        {
            GeneratedContent.Fill(Seed!.Value, offset, destination);
        }
    }

    /// <summary>Streams <paramref name="count"/> bytes from <paramref name="offset"/> with a pooled buffer.</summary>
    internal async Task WriteToAsync(Stream destination, long offset, long count, CancellationToken cancellationToken)
    {
        if (_bytes is not null)
        {
            // In-memory content: write slices straight from the array, in chunks so byte-level faults see several writes.
            for (long done = 0; done < count;)
            {
                var take = (int)Math.Min(ChunkSize, count - done);
                await destination.WriteAsync(_bytes.AsMemory((int)(offset + done), take), cancellationToken).ConfigureAwait(false);
                done += take;
            }

            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (long done = 0; done < count;)
            {
                var take = (int)Math.Min(ChunkSize, count - done);
                GeneratedContent.Fill(Seed!.Value, offset + done, buffer.AsSpan(0, take));
                await destination.WriteAsync(buffer.AsMemory(0, take), cancellationToken).ConfigureAwait(false);
                done += take;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private (byte[] Md5, byte[] Sha256) ComputeHashes()
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (long offset = 0; offset < Length; offset += ChunkSize)
            {
                var count = (int)Math.Min(ChunkSize, Length - offset);
                CopyTo(offset, buffer.AsSpan(0, count));
                md5.AppendData(buffer, 0, count);
                sha.AppendData(buffer, 0, count);
            }

            return (md5.GetHashAndReset(), sha.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
