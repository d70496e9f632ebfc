using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace VoteFunctions.Core;

/// <summary>
/// Decompresses a gzip file and, at the end, checks the CRC-32 and length in its trailer.
/// GZipStream alone ends quietly on a truncated file, which would lose the missing lines without
/// a trace; this throws <see cref="InvalidDataException"/> instead. A file of several
/// concatenated gzip members is checked against its last member's trailer only, so it is
/// reported as damaged (see the README's ambiguities).
/// </summary>
internal sealed class CheckedGzipStream(Stream compressed, string path) : Stream
{
    private readonly GZipStream gzip = new(compressed, CompressionMode.Decompress);
    private readonly Crc32 crc = new();
    private long length;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = gzip.Read(buffer);
        if (read > 0)
        {
            crc.Append(buffer[..read]);
            length += read;
        }
        else if (buffer.Length > 0)
        {
            CheckTrailer();
        }
        return read;
    }

    private void CheckTrailer()
    {
        Span<byte> trailer = stackalloc byte[8];
        using (var file = File.OpenRead(path))
        {
            if (file.Length < 18) throw new InvalidDataException("gzip file is too short to be complete");
            file.Seek(-8, SeekOrigin.End);
            file.ReadExactly(trailer);
        }
        var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        var expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (crc.GetCurrentHashAsUInt32() != expectedCrc || (uint)length != expectedLength)
            throw new InvalidDataException("gzip trailer does not match the decompressed data");
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) gzip.Dispose();
        base.Dispose(disposing);
    }
}
