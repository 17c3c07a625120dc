using System.Runtime.InteropServices;

namespace SatDownload.Tests.Downloads;

/// <summary>How much of a file sits in the page cache (Linux <c>mmap</c> + <c>mincore</c>; mapping reads nothing in).</summary>
internal static class PageResidency
{
    private const int ProtRead = 1;
    private const int MapShared = 1;

    /// <summary>The share of the pages of [0, <paramref name="length"/>) of the file that are cached; null where it cannot be measured.</summary>
    public static double? ResidentShare(string path, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0)
        {
            return null;
        }

        using var handle = File.OpenHandle(path);
        var address = Mmap(IntPtr.Zero, (nuint)length, ProtRead, MapShared, (int)handle.DangerousGetHandle(), 0);
        if (address == new IntPtr(-1))
        {
            return null;
        }

        try
        {
            var pageSize = Environment.SystemPageSize;
            var pages = new byte[(length + pageSize - 1) / pageSize];
            return Mincore(address, (nuint)length, pages) != 0 ? null : pages.Count(p => (p & 1) != 0) / (double)pages.Length;
        }
        finally
        {
            _ = Munmap(address, (nuint)length);
        }
    }

    /// <summary>Asks the kernel to drop the file's clean cached pages (the test's own call, independent of the code under test).</summary>
    public static void Drop(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length) => _ = PosixFadvise(handle, 0, length, 4 /* POSIX_FADV_DONTNEED */);

    [DllImport("libc", EntryPoint = "posix_fadvise", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int PosixFadvise(Microsoft.Win32.SafeHandles.SafeFileHandle fd, long offset, long length, int advice);

    [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr Mmap(IntPtr address, nuint length, int protection, int flags, int fd, long offset);

    [DllImport("libc", EntryPoint = "munmap", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Munmap(IntPtr address, nuint length);

    [DllImport("libc", EntryPoint = "mincore", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mincore(IntPtr address, nuint length, byte[] pages);
}
