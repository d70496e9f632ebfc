using System.Buffers.Binary;
using System.IO.Hashing;
using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace VoteFunctions.Core.Files;

/// <summary>
/// Decodes a gzip file member by member (RFC 1952) and proves that its members fill it exactly,
/// each with a good header, deflate data (SharpZipLib's inflater) and the CRC-32 and length its
/// trailer states. Decoders stop quietly at bytes after a member that do not start another one
/// (zlib's and SharpZipLib's GZipInputStream alike, as `gzip -d` only warns): a member damaged
/// there would lose its lines without a word, so here any such byte is damage.
/// </summary>
internal static class GzipMembers
{
    private const byte Id1 = 0x1f, Id2 = 0x8b, Deflate = 8;
    private const byte HeaderCrcFlag = 0x02, ExtraFlag = 0x04, NameFlag = 0x08, CommentFlag = 0x10, ReservedFlags = 0xe0;

    /// <summary>The CRC-32 and length of the file's whole content; an <see cref="InvalidDataException"/> for a person when it is damaged or cut short.</summary>
    public static (uint Crc, long Length) Decode(Stream file)
    {
        var input = new Input(file);
        var content = new Crc32();
        long length = 0;
        var output = new byte[1 << 16];
        Span<byte> trailer = stackalloc byte[8];
        for (var member = 1; member == 1 || !input.AtEndOrZeros(); member++)
        {
            try
            {
                ReadHeader(input, member);
                var inflater = new Inflater(noHeader: true);
                var memberCrc = new Crc32();
                long memberLength = 0;
                while (!inflater.IsFinished)
                {
                    if (inflater.IsNeedingInput) input.FeedTo(inflater);
                    int read;
                    try
                    {
                        read = inflater.Inflate(output);
                    }
                    catch (SharpZipBaseException)
                    {
                        throw Damaged($"member {member} does not decompress");
                    }
                    if (read == 0 && inflater.IsNeedingDictionary) throw Damaged($"member {member} does not decompress");
                    memberCrc.Append(output.AsSpan(0, read));
                    content.Append(output.AsSpan(0, read));
                    memberLength += read;
                }
                input.GiveBack(inflater.RemainingInput);
                input.ReadExactly(trailer);
                if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != memberCrc.GetCurrentHashAsUInt32())
                    throw Damaged($"member {member} fails its CRC-32 check");
                if (BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != (uint)memberLength)
                    throw Damaged($"member {member} fails its length check");
                length += memberLength;
            }
            catch (EndOfStreamException)
            {
                // A cut and a damaged length (or deflate data that runs on) look the same from here.
                throw new InvalidDataException($"the gzip file is cut short, or damaged: member {member} runs past the end of the file");
            }
        }
        return (content.GetCurrentHashAsUInt32(), length);
    }

    private static void ReadHeader(Input input, int member)
    {
        Span<byte> fixedPart = stackalloc byte[10];
        input.ReadExactly(fixedPart[..1]);
        if (fixedPart[0] != Id1)
            throw member == 1 ? Damaged("it does not start with a gzip header") : Damaged($"its bytes after member {member - 1} are not a gzip member");
        input.ReadExactly(fixedPart[1..]);
        if (fixedPart[1] != Id2)
            throw member == 1 ? Damaged("it does not start with a gzip header") : Damaged($"its bytes after member {member - 1} are not a gzip member");
        if (fixedPart[2] != Deflate) throw Damaged($"member {member} is not deflate data");
        var flags = fixedPart[3];
        if ((flags & ReservedFlags) != 0) throw Damaged($"member {member} has unknown header flags");
        if ((flags & ExtraFlag) != 0)
        {
            Span<byte> extraLength = stackalloc byte[2];
            input.ReadExactly(extraLength);
            input.Skip(BinaryPrimitives.ReadUInt16LittleEndian(extraLength));
        }
        if ((flags & NameFlag) != 0) input.SkipPastZero();
        if ((flags & CommentFlag) != 0) input.SkipPastZero();
        if ((flags & HeaderCrcFlag) != 0) input.Skip(2);
    }

    private static InvalidDataException Damaged(string what) => new($"the gzip data is damaged: {what}");

    /// <summary>The file's bytes, read a buffer at a time, handed to the inflater or read by the parser.</summary>
    private sealed class Input(Stream file)
    {
        private readonly byte[] buffer = new byte[1 << 16];
        private int position, end;

        /// <summary>
        /// At the end of the file, or of zero bytes up to it: padding, which `gzip -d` passes over
        /// in silence (any other byte after a member is damage).
        /// </summary>
        public bool AtEndOrZeros()
        {
            do
            {
                if (buffer.AsSpan(position, end - position).ContainsAnyExcept((byte)0)) return false;
            }
            while (Fill());
            return true;
        }

        /// <summary>Gives the inflater every byte buffered (it keeps a reference: the buffer is refilled only once it needs more).</summary>
        public void FeedTo(Inflater inflater)
        {
            if (position == end && !Fill()) throw new EndOfStreamException();
            inflater.SetInput(buffer, position, end - position);
            position = end;
        }

        /// <summary>The bytes after a member's deflate data, which the inflater was given but did not use.</summary>
        public void GiveBack(int unused) => position -= unused;

        public void ReadExactly(Span<byte> bytes)
        {
            for (var i = 0; i < bytes.Length; i++) bytes[i] = Next();
        }

        public void Skip(int count)
        {
            for (var i = 0; i < count; i++) Next();
        }

        public void SkipPastZero()
        {
            while (Next() != 0) { }
        }

        private byte Next()
        {
            if (position == end && !Fill()) throw new EndOfStreamException();
            return buffer[position++];
        }

        private bool Fill()
        {
            position = 0;
            end = file.Read(buffer);
            return end > 0;
        }
    }
}
