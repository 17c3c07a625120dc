using System.Buffers;
using System.Security.Cryptography;
using SatDownload.Downloads;

namespace SatDownload.Tests.Downloads;

/// <summary>The hashing worker: in-order buffers handed over, out-of-order bytes hashed back from the file, resets.</summary>
public sealed class FileHasherTests
{
    private static string Sha(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    [Fact]
    public async Task Handed_over_buffers_and_bytes_hashed_back_from_the_file_give_the_files_SHA256()
    {
        var data = new byte[3_000_017];
        new Random(5).NextBytes(data);
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, data);
            using var handle = File.OpenHandle(path);
            long completed = 0;
            using var hasher = new FileHasher(sha256: true, md5: false, maxQueuedBuffers: 2);
            hasher.Attach(handle, () => Volatile.Read(ref completed));

            // The first 1 MB arrives in order through the queue (more buffers than the queue holds: back-pressure).
            for (var offset = 0; offset < 1_000_000; offset += 100_000)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(100_000);
                data.AsSpan(offset, 100_000).CopyTo(buffer);
                Assert.True(await hasher.TryHandOverAsync(offset, buffer, 100_000, CancellationToken.None));
                Volatile.Write(ref completed, offset + 100_000);
            }

            // Bytes at 2 MB are not next in order: refused, the caller keeps its buffer.
            var late = new byte[10];
            Assert.False(await hasher.TryHandOverAsync(2_000_000, late, 10, CancellationToken.None));

            // Another segment completed the rest: a kick hashes it back from the file.
            Volatile.Write(ref completed, data.Length);
            hasher.Kick();
            await hasher.DrainAsync();
            await hasher.CatchUpAsync(handle, data.Length, 4096, CancellationToken.None);

            Assert.Equal(data.Length, hasher.HashedUpTo);
            Assert.Equal(Sha(data), hasher.Finish().Sha256);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reset_discards_queued_buffers_of_the_previous_version()
    {
        var data = new byte[500_000];
        new Random(6).NextBytes(data);
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, data);
            using var handle = File.OpenHandle(path);
            using var hasher = new FileHasher(sha256: true, md5: false);
            var stale = ArrayPool<byte>.Shared.Rent(1000);
            stale.AsSpan(0, 1000).Fill(0xEE);
            Assert.True(await hasher.TryHandOverAsync(0, stale, 1000, CancellationToken.None));
            hasher.Reset();
            hasher.OnWritten(0, data.AsSpan(0, 250_000));
            await hasher.DrainAsync();
            await hasher.CatchUpAsync(handle, data.Length, 4096, CancellationToken.None);

            Assert.Equal(Sha(data), hasher.Finish().Sha256);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
