using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace SatDownload.Testing.Eos;

/// <summary>
/// Builds the emulator's load-by-extent results following the documented rule: jp2 for one Sentinel-2 band; TIF for
/// one band without metadata or merged bands of one resolution without metadata; zip otherwise (one file per band or
/// resolution group, plus the metadata files).
/// </summary>
/// <remarks>Written from the contract, independently of the adapter, so that the adapter's prediction is tested against it.</remarks>
public static class EosResultFiles
{
    private static readonly Dictionary<string, int> S2 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["B01"] = 60, ["B02"] = 10, ["B03"] = 10, ["B04"] = 10, ["B05"] = 20, ["B06"] = 20, ["B07"] = 20,
        ["B08"] = 10, ["B8A"] = 20, ["B09"] = 60, ["B10"] = 60, ["B11"] = 20, ["B12"] = 20,
    };

    /// <summary>The file kinds.</summary>
    public enum Kind
    {
        /// <summary>GeoTIFF.</summary>
        Tif,

        /// <summary>JPEG 2000.</summary>
        Jp2,

        /// <summary>Zip.</summary>
        Zip,
    }

    /// <summary>Applies the documented rule.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The result kind.</returns>
    public static Kind KindOf(EosEmulatedTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var sensor = task.ViewId.Split('/')[0].ToUpperInvariant();
        var hasMetadata = task.Metadata.Count > 0;
        if (task.Bands.Count == 1 && sensor == "S2")
        {
            return Kind.Jp2;
        }

        if (task.Bands.Count == 1 && !hasMetadata)
        {
            return Kind.Tif;
        }

        if (task.Merge && !hasMetadata && sensor == "S2" && task.Bands.All(S2.ContainsKey) &&
            task.Bands.Select(b => S2[b]).Distinct().Count() == 1)
        {
            return Kind.Tif;
        }

        return Kind.Zip;
    }

    /// <summary>The content type for a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The media type.</returns>
    public static string ContentTypeOf(Kind kind) => kind switch
    {
        Kind.Tif => "image/tiff",
        Kind.Jp2 => "image/jp2",
        _ => "application/zip",
    };

    /// <summary>The file name of a task's result.</summary>
    /// <param name="task">The task.</param>
    /// <returns>For example <c>71297461-....tif</c>.</returns>
    public static string FileNameOf(EosEmulatedTask task) => task.TaskId + KindOf(task) switch
    {
        Kind.Tif => ".tif",
        Kind.Jp2 => ".jp2",
        _ => ".zip",
    };

    /// <summary>Builds the result bytes.</summary>
    /// <param name="task">The task.</param>
    /// <param name="tiff">Makes a GeoTIFF for a set of bands (deterministic per input).</param>
    /// <returns>The bytes.</returns>
    public static byte[] Build(EosEmulatedTask task, Func<IReadOnlyList<string>, byte[]> tiff)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(tiff);
        switch (KindOf(task))
        {
            case Kind.Jp2:
                return Jp2(task.TaskId + "/" + task.Bands[0]);
            case Kind.Tif:
                return tiff(task.Bands);
        }

        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var groups = task.Merge && task.ViewId.StartsWith("S2/", StringComparison.OrdinalIgnoreCase) && task.Bands.All(S2.ContainsKey)
                ? task.Bands.GroupBy(b => S2[b]).Select(g => (Name: string.Join("_", g), Bands: (IReadOnlyList<string>)g.ToList()))
                : task.Bands.Select(b => (Name: b, Bands: (IReadOnlyList<string>)new[] { b }));
            foreach (var (name, bands) in groups)
            {
                var entry = zip.CreateEntry(name + ".tif", CompressionLevel.Fastest);
                using var s = entry.Open();
                s.Write(tiff(bands));
            }

            foreach (var md in task.Metadata)
            {
                var entry = zip.CreateEntry("metadata/" + md, CompressionLevel.Fastest);
                using var s = entry.Open();
                s.Write(Encoding.UTF8.GetBytes($"<metadata view_id=\"{task.ViewId}\" file=\"{md}\"/>"));
            }
        }

        return ms.ToArray();
    }

    /// <summary>A small JPEG 2000 file: the signature and file-type boxes, then a deterministic codestream box.</summary>
    /// <param name="seed">Makes the payload unique.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Jp2(string seed)
    {
        using var ms = new MemoryStream();
        ms.Write([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]);
        ms.Write([0x00, 0x00, 0x00, 0x14, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'j', (byte)'p', (byte)'2', (byte)' ', 0, 0, 0, 0, (byte)'j', (byte)'p', (byte)'2', (byte)' ']);
        var payload = new byte[4096];
        var block = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        for (var i = 0; i < payload.Length; i++)
        {
            payload[i] = block[i % block.Length];
        }

        var length = 8 + 4 + payload.Length;
        ms.Write([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, (byte)'j', (byte)'p', (byte)'2', (byte)'c']);
        ms.Write([0xFF, 0x4F, 0xFF, 0x51]);
        ms.Write(payload);
        return ms.ToArray();
    }
}
