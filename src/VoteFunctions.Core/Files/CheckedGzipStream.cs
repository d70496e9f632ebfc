using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace VoteFunctions.Core.Files;

/// <summary>
/// Decompresses a gzip file and, at the end, checks that the file ends with a complete member.
/// GZipStream (zlib) checks each member's CRC-32 as it goes, but ends quietly on a truncated file,
/// which would lose the missing lines without a trace. A file of one member must match the CRC-32
/// and length in its trailer; a file of several concatenated members (`cat a.gz b.gz`, bgzip) must
/// end with a member that, decoded alone, matches it. Any damage is an
/// <see cref="InvalidDataException"/> whose message says what is wrong, for a person: the check
/// only knows at the end, so the caller must not keep anything read before it.
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
        var expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        var expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (crc.GetCurrentHashAsUInt32() == expectedCrc && (uint)length == expectedLength) return;
        if (!LastMemberMatches(file, expectedCrc, expectedLength))
            throw new InvalidDataException("the gzip data is damaged or cut short: its CRC-32 or length check fails");
    }

    // The last member starts at the last gzip header (1F 8B 08) from which the rest of the file
    // decodes without error: the same bytes inside compressed data fail to decode, and are passed.
    // A member starting at offset 0 is the whole file, which did not match.
    private static bool LastMemberMatches(FileStream file, uint expectedCrc, uint expectedLength)
    {
        for (var start = LastHeaderBefore(file, file.Length - 8); start > 0; start = LastHeaderBefore(file, start))
        {
            file.Position = start;
            var memberCrc = new Crc32();
            long memberLength = 0;
            try
            {
                using var member = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = member.Read(buffer)) > 0)
                {
                    memberCrc.Append(buffer.AsSpan(0, read));
                    memberLength += read;
                }
            }
            catch (InvalidDataException)
            {
                continue;
            }
            return memberCrc.GetCurrentHashAsUInt32() == expectedCrc && (uint)memberLength == expectedLength;
        }
        return false;
    }

    /// <summary>The offset of the last gzip header start (1F 8B 08) before <paramref name="end"/>, or -1.</summary>
    private static long LastHeaderBefore(FileStream file, long end)
    {
        ReadOnlySpan<byte> magic = [0x1F, 0x8B, 0x08];
        const int chunkBytes = 1 << 16;
        var chunk = new byte[chunkBytes + magic.Length - 1];
        while (end > 0)
        {
            var from = Math.Max(0, end - chunkBytes);
            // A header may straddle chunks: each chunk reaches two bytes past the next one's end.
            var count = (int)(Math.Min(end + magic.Length - 1, file.Length) - from);
            file.Position = from;
            file.ReadExactly(chunk, 0, count);
            var found = chunk.AsSpan(0, count).LastIndexOf(magic);
            while (found >= 0 && from + found >= end) found = chunk.AsSpan(0, found).LastIndexOf(magic);
            if (found >= 0) return from + found;
            end = from;
        }
        return -1;
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
