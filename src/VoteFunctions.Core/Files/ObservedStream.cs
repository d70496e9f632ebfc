using System.Security.Cryptography;

namespace VoteFunctions.Core.Files;

/// <summary>
/// The raw bytes of an input file as they are read, observed on the way: counted for progress,
/// hashed for the content key, and fed to a line index. One read of the file serves all three.
/// </summary>
internal sealed class ObservedStream(Stream inner, IProgress<long>? progress, IncrementalHash? hash = null, LineIndex? index = null) : Stream
{
    private long position;
    private long lastReported;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Observe(buffer[..read]);
        return read;
    }

    private void Observe(ReadOnlySpan<byte> bytes)
    {
        hash?.AppendData(bytes);
        index?.Add(bytes);
        position += bytes.Length;
        // Every 4 MiB keeps progress cheap on fast reads.
        if (progress is not null && (bytes.IsEmpty || position - lastReported >= 4 << 20))
        {
            lastReported = position;
            progress.Report(position);
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
