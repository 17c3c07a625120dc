using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SatDownload.Downloads;

/// <summary>
/// Lets the operating system reuse the page-cache pages of bytes that are on disk and will not be read again.
/// </summary>
/// <remarks>
/// Why: a large download otherwise fills the page cache with gigabytes nobody reads back, evicting what the rest of the
/// machine uses; and on virtual machines whose free memory is handed back to the host, every fresh page costs a host
/// fault, so a download that recycles its own pages writes several times faster (docs/performance.md). Linux only
/// (<c>posix_fadvise(POSIX_FADV_DONTNEED)</c>); elsewhere, or where the call is missing, this does nothing.
/// </remarks>
internal static partial class PageCache
{
    private const int PosixFadvDontNeed = 4;
    private static volatile bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Drops the clean cached pages of [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>); best effort.</summary>
    public static void Release(SafeFileHandle handle, long offset, long length)
    {
        if (_unavailable || length <= 0 || handle.IsClosed)
        {
            return;
        }

        try
        {
            _ = PosixFadvise(handle, offset, length, PosixFadvDontNeed);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);
}
