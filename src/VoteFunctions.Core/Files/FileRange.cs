namespace VoteFunctions.Core.Files;

/// <summary>A byte range of a file, read as a stream of its own: how a large file is cut into parts checked at the same time.</summary>
internal sealed class FileRange : Stream
{
    private readonly FileStream file;
    private readonly long end;

    private FileRange(FileStream file, long end)
    {
        this.file = file;
        this.end = end;
    }

    /// <summary>Bytes <paramref name="start"/> (included) to <paramref name="end"/> (excluded) of the file.</summary>
    public static FileRange Open(string path, long start, long end)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        file.Position = start;
        return new FileRange(file, end);
    }

    /// <summary>Where the first line that starts at or after <paramref name="offset"/> starts (the file's length when none does).</summary>
    public static long LineStartAtOrAfter(string path, long offset)
    {
        if (offset == 0) return 0;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        file.Position = offset - 1;
        var buffer = new byte[1 << 16];
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0) return file.Position - read + newline + 1;
        }
        return file.Length;
    }

    /// <summary>The line ends ('\n') before <paramref name="end"/>: the number of the last line that ends there.</summary>
    public static long CountLineEnds(string path, long end)
    {
        using var range = Open(path, 0, end);
        var buffer = new byte[1 << 20];
        long count = 0;
        int read;
        while ((read = range.Read(buffer)) > 0) count += buffer.AsSpan(0, read).Count((byte)'\n');
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = end - file.Position;
        return left <= 0 ? 0 : file.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => file.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }
}
