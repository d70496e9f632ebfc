using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace VoteFunctions.Core.Files;

/// <summary>
/// Decompresses a gzip file with GZipStream (zlib, fast) and, at the end, proves the file whole.
/// zlib checks a member's CRC-32 when it reaches the member's end, but ends quietly on a file cut
/// short or on bytes after a member that do not start another, and a damaged member whose data
/// runs on into the next one is never checked at all. A file of one member is whole when all it
/// decoded matches the CRC-32 and length of the file's trailer; any other file (concatenated
/// members, as `cat a.gz b.gz` or bgzip make, or a damaged one) is decoded again by
/// <see cref="GzipMembers"/>, which proves every member and that they fill the file, and must give
/// the same bytes. Any damage is an <see cref="InvalidDataException"/> whose message says what is
/// wrong, for a person: the check only knows at the end, so the caller must not keep anything read
/// before it.
/// </summary>
internal sealed class CheckedGzipStream(Stream compressed, string path, bool leaveOpen = false) : Stream
{
    private readonly GZipStream gzip = new(compressed, CompressionMode.Decompress, leaveOpen);
    private readonly Crc32 crc = new();
    private long length;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            // zlib's one message for every data error ("unsupported compression method") misleads.
            throw new InvalidDataException("the gzip data is damaged: it does not decompress, or fails its CRC-32 check", e);
        }
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
        using var file = File.OpenRead(path);
        if (file.Length < 18) throw new InvalidDataException("the gzip file is cut short");
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        if (crc.GetCurrentHashAsUInt32() == BinaryPrimitives.ReadUInt32LittleEndian(trailer)
            && (uint)length == BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..])) return;
        file.Position = 0;
        if (GzipMembers.Decode(file) != (crc.GetCurrentHashAsUInt32(), length))
            throw new InvalidDataException("the gzip data is damaged: its members do not decode to what was read");
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
