namespace VoteFunctions.Core.Files;

/// <summary>
/// A file offered for ingest, looked at before any work: it must be a regular file (or a symbolic
/// link to one), because a device, a pipe or a FIFO never ends or cannot be read twice. Its size
/// and modification time are kept so that a file changed while it was being read is caught.
/// </summary>
public sealed record InputFile(string Path, long Size, DateTime LastWriteUtc, bool IsGzip)
{
    private static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    /// <summary>Checks the file and reads its first bytes; a problem is a one-line <see cref="WarehouseException"/>.</summary>
    public static InputFile Inspect(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new WarehouseException("cannot ingest '': the file name is empty");
        try
        {
            switch (UnixFileType.Of(path))
            {
                case UnixFileType.Kind.Missing: throw new WarehouseException($"cannot ingest {path}: {NotUtf8(path) ?? "file not found"}");
                case UnixFileType.Kind.BrokenLink: throw new WarehouseException($"cannot ingest {path}: it is a symbolic link to a file that does not exist, or a loop of links");
                case UnixFileType.Kind.Directory: throw new WarehouseException($"cannot ingest {path}: it is a folder");
                case UnixFileType.Kind.Other: throw new WarehouseException($"cannot ingest {path}: it is not a regular file (a device, pipe, FIFO or socket); save the data to a file first");
            }
            var file = new FileInfo(path);
            Span<byte> head = stackalloc byte[2];
            int read;
            using (var stream = file.OpenRead()) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..read];
            return new InputFile(path, file.Length, file.LastWriteTimeUtc, head.StartsWith(GzipMagic));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WarehouseException($"cannot ingest {path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Why a path that was not found may be there all the same: a name that is not valid UTF-8.
    /// .NET decodes such a name, from the command line or from a folder's listing, with U+FFFD for
    /// the bytes that are not UTF-8, and encodes it back as U+FFFD's own bytes: another name, so it
    /// cannot open the file at all. A folder listing, decoded the same way, shows the name; a name
    /// that is truly not there is not found.
    /// </summary>
    private static string? NotUtf8(string path)
    {
        if (!path.Contains('\uFFFD')) return null;
        const string Why = "(\uFFFD stands for the bytes that are not), and .NET cannot open such a name";
        var full = System.IO.Path.GetFullPath(path);
        for (var entry = full; System.IO.Path.GetDirectoryName(entry) is { } folder; entry = folder)
        {
            var name = System.IO.Path.GetFileName(entry);
            if (!name.Contains('\uFFFD')) continue;
            try
            {
                if (Directory.EnumerateFileSystemEntries(folder).Any(listed => System.IO.Path.GetFileName(listed) == name))
                    return entry == full ? $"its name is not valid UTF-8 {Why}; rename the file" : $"the name of its folder {name} is not valid UTF-8 {Why}; rename the folder";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder whose own name is not UTF-8 cannot be listed: the next turn looks for it.
            }
        }
        return null;
    }

    /// <summary>Throws when the file's size or modification time is not what it was when inspected.</summary>
    public void EnsureUnchanged()
    {
        var now = new FileInfo(Path);
        if (!now.Exists || now.Length != Size || now.LastWriteTimeUtc != LastWriteUtc)
            throw new WarehouseException($"cannot ingest {Path}: the file changed while it was being read; nothing was written, ingest it again once it is complete");
    }
}
