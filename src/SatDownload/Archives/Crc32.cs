namespace SatDownload.Archives;

/// <summary>
/// CRC-32 (IEEE 802.3, the zip checksum). Why here: the BCL has none (System.IO.Hashing is a separate package), and the
/// zip reader silently stops at the size a header declares, so only the checksum shows that a header understated it.
/// </summary>
internal sealed class Crc32
{
    private static readonly uint[] Table = CreateTable();
    private uint _crc = 0xFFFFFFFFu;

    /// <summary>The checksum of everything appended so far.</summary>
    public uint Value => ~_crc;

    /// <summary>Adds bytes to the checksum.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        var crc = _crc;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        _crc = crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
