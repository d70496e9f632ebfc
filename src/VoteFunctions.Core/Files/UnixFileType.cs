using System.Runtime.InteropServices;

namespace VoteFunctions.Core.Files;

/// <summary>
/// What kind of file a path names, following symbolic links. .NET reports a device or a FIFO as
/// an ordinary file (FileAttributes.Normal), so on Linux this asks the kernel (statx, whose
/// layout is the same on every architecture); elsewhere it falls back to what .NET can tell.
/// </summary>
internal static partial class UnixFileType
{
    public enum Kind { Regular, Directory, Other, Missing, BrokenLink }

    public static Kind Of(string path) =>
        OperatingSystem.IsLinux() ? FromStatx(path) : FromFileSystemInfo(path);

    private static Kind FromFileSystemInfo(string path)
    {
        if (Directory.Exists(path)) return Kind.Directory;
        if (File.Exists(path)) return Kind.Regular;
        return new FileInfo(path).LinkTarget is null ? Kind.Missing : Kind.BrokenLink;
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28; // struct statx: mask, blksize (u32), attributes (u64), nlink, uid, gid (u32), mode (u16)
    private const int FileTypeMask = 0xF000, RegularFile = 0x8000, DirectoryFile = 0x4000;
    private const int ENOENT = 2, ENOTDIR = 20, ELOOP = 40;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, Span<byte> result);

    private static Kind FromStatx(string path)
    {
        Span<byte> result = stackalloc byte[256];
        if (Statx(AtFdCwd, path, 0, StatxType, result) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error is ENOENT or ENOTDIR)
                return new FileInfo(path).LinkTarget is null ? Kind.Missing : Kind.BrokenLink;
            if (error == ELOOP) return Kind.BrokenLink;
            throw new IOException(Marshal.GetPInvokeErrorMessage(error));
        }
        return (BitConverter.ToUInt16(result[StatxModeOffset..]) & FileTypeMask) switch
        {
            RegularFile => Kind.Regular,
            DirectoryFile => Kind.Directory,
            _ => Kind.Other,
        };
    }
}
