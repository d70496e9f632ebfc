using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace VoteFunctions.Core.Files;

/// <summary>
/// Decompresses a gzip file member by member (RFC 1952) and proves it whole as it goes: each
/// member's header, its deflate data (SharpZipLib's inflater), the CRC-32 and length its trailer
/// states, and that the members fill the file (zero bytes of padding aside, which `gzip -d` passes
/// over too). The library streams do not: zlib's GZipStream and SharpZipLib's GZipInputStream end
/// in silence at a file cut short or at a member whose header is damaged, and what they decoded
/// before can even match the last member's trailer (a damaged first header and bgzip's empty
/// closing member), so a file's lines would be lost without a word. Any damage is an
/// <see cref="InvalidDataException"/> whose message says what is wrong, for a person; a member is
/// proven only at its end, so the caller must not keep anything read before the file's end.
/// </summary>
internal sealed class CheckedGzipStream(Stream compressed, bool leaveOpen = false) : Stream
{
    private const byte Id1 = 0x1f, Id2 = 0x8b, Deflate = 8;
    private const byte HeaderCrcFlag = 0x02, ExtraFlag = 0x04, NameFlag = 0x08, CommentFlag = 0x10, ReservedFlags = 0xe0;

    private readonly byte[] input = new byte[1 << 16];
    private int position, end;
    private readonly Inflater inflater = new(noHeader: true);
    private readonly Crc32 memberCrc = new();
    private long memberLength, length;
    private int member; // the member being read, from 1; 0 before the first
    private bool inMember, finished;

    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (count == 0 || finished) return 0;
        try
        {
            while (true)
            {
                if (!inMember)
                {
                    if (member > 0 && AtEndOrZeros())
                    {
                        finished = true;
                        return 0;
                    }
                    member++;
                    ReadHeader();
                    inMember = true;
                }
                if (inflater.IsFinished)
                {
                    EndMember();
                    continue;
                }
                if (inflater.IsNeedingInput) Feed();
                var read = Inflate(buffer, offset, count);
                if (read > 0)
                {
                    memberCrc.Append(buffer.AsSpan(offset, read));
                    memberLength += read;
                    length += read;
                    return read;
                }
            }
        }
        catch (EndOfStreamException)
        {
            // A cut and a damaged length (or deflate data that runs on) look the same from here.
            throw new InvalidDataException($"the gzip file is cut short, or damaged: member {member} runs past the end of the file");
        }
    }

    private int Inflate(byte[] buffer, int offset, int count)
    {
        try
        {
            var read = inflater.Inflate(buffer, offset, count);
            if (read == 0 && inflater.IsNeedingDictionary) throw Damaged($"member {member} does not decompress");
            return read;
        }
        // SharpZipLib indexes past its tables on some invalid Huffman code lengths instead of saying so.
        catch (Exception e) when (e is SharpZipBaseException or IndexOutOfRangeException)
        {
            throw Damaged($"member {member} does not decompress");
        }
    }

    private void ReadHeader()
    {
        if (Next() != Id1 || Next() != Id2)
            throw Damaged(member == 1 ? "it does not start with a gzip header" : $"its bytes after member {member - 1} are not a gzip member");
        if (Next() != Deflate) throw Damaged($"member {member} is not deflate data");
        var flags = Next();
        if ((flags & ReservedFlags) != 0) throw Damaged($"member {member} has unknown header flags");
        Skip(6); // time, extra flags, operating system
        if ((flags & ExtraFlag) != 0) Skip(Next() | Next() << 8);
        if ((flags & NameFlag) != 0) SkipPastZero();
        if ((flags & CommentFlag) != 0) SkipPastZero();
        if ((flags & HeaderCrcFlag) != 0) Skip(2);
    }

    private void EndMember()
    {
        position -= inflater.RemainingInput; // bytes after the deflate data, given to the inflater but not used
        Span<byte> trailer = stackalloc byte[8];
        for (var i = 0; i < trailer.Length; i++) trailer[i] = Next();
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != memberCrc.GetCurrentHashAsUInt32())
            throw Damaged($"member {member} fails its CRC-32 check");
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != (uint)memberLength)
            throw Damaged($"member {member} fails its length check");
        inflater.Reset();
        memberCrc.Reset();
        memberLength = 0;
        inMember = false;
    }

    private static InvalidDataException Damaged(string what) => new($"the gzip data is damaged: {what}");

    /// <summary>At the end of the file, or of zero bytes up to it.</summary>
    private bool AtEndOrZeros()
    {
        do
        {
            if (input.AsSpan(position, end - position).ContainsAnyExcept((byte)0)) return false;
        }
        while (Fill());
        return true;
    }

    /// <summary>Gives the inflater every byte buffered: it keeps a reference, so the buffer is refilled only once it needs more.</summary>
    private void Feed()
    {
        if (position == end && !Fill()) throw new EndOfStreamException();
        inflater.SetInput(input, position, end - position);
        position = end;
    }

    private byte Next()
    {
        if (position == end && !Fill()) throw new EndOfStreamException();
        return input[position++];
    }

    private void Skip(int count)
    {
        for (var i = 0; i < count; i++) Next();
    }

    private void SkipPastZero()
    {
        while (Next() != 0) { }
    }

    private bool Fill()
    {
        position = 0;
        end = compressed.Read(input);
        return end > 0;
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
        if (disposing && !leaveOpen) compressed.Dispose();
        base.Dispose(disposing);
    }
}
