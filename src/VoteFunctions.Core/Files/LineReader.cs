using System.Buffers;
using System.Runtime.CompilerServices;

namespace VoteFunctions.Core.Files;

/// <summary>
/// Splits a byte stream into the lines of the contract, on '\n', without decoding, in large
/// buffers: numbered from 1 (the stream starts after <paramref name="linesBefore"/> lines of its
/// file), a final '\n' starts no line, a UTF-8 byte order mark is dropped from line 1. A line of
/// <see cref="LineVerdict.MaxLineBytes"/> or more is returned cut to that length with
/// <c>tooLong</c> set, and the rest of it is skipped, so memory stays bounded whatever the input.
/// </summary>
internal sealed class LineReader(Stream stream, long linesBefore = 0, int readBytes = int.MaxValue) : IDisposable
{
    private const int MaxLineBytes = LineVerdict.MaxLineBytes;
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    // Pooled: an ingest of many small files would otherwise allocate (and zero) megabytes a file.
    private readonly byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxLineBytes * 2);
    private int start;
    private int end;
    private bool endOfStream;

    /// <summary>The 1-based number, in its file, of the line last returned.</summary>
    public long LineNumber { get; private set; } = linesBefore;

    /// <summary>
    /// The next line without its '\n' (a trailing '\r' is kept: the caller decides). The span is
    /// valid until the next call. Exceptions of the stream (a damaged gzip) propagate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        if (!TryReadRaw(out line, out tooLong)) return false;
        if (LineNumber == 1 && line.StartsWith(ByteOrderMark)) line = line[ByteOrderMark.Length..];
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadRaw(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;
        while (true)
        {
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                // A line of MaxLineBytes or more is too long even when its end is already buffered.
                tooLong = newline >= MaxLineBytes;
                line = buffer.AsSpan(start, tooLong ? MaxLineBytes : newline);
                start += newline + 1;
                LineNumber++;
                return true;
            }
            if (end - start >= MaxLineBytes)
            {
                line = buffer.AsSpan(start, MaxLineBytes);
                tooLong = true;
                LineNumber++;
                SkipRestOfLine(line.ToArray(), out line);
                return true;
            }
            if (endOfStream)
            {
                if (start == end)
                {
                    line = default;
                    return false;
                }
                line = buffer.AsSpan(start, end - start);
                start = end;
                LineNumber++;
                return true;
            }
            Fill();
        }
    }

    /// <summary>
    /// Moves on so that the next <see cref="TryRead"/> returns line <paramref name="lineNumber"/>,
    /// counting newlines 64 KiB at a time (vectorised) through the lines it skips.
    /// </summary>
    public void SkipTo(long lineNumber)
    {
        const int chunkBytes = 1 << 16;
        while (LineNumber < lineNumber - 1)
        {
            if (start == end)
            {
                if (endOfStream) return;
                Fill();
                continue;
            }
            var chunk = buffer.AsSpan(start, Math.Min(chunkBytes, end - start));
            var newlines = chunk.Count((byte)'\n');
            if (newlines < lineNumber - 1 - LineNumber)
            {
                // No wanted line starts in this chunk: pass all of it (the line it ends in goes on).
                LineNumber += newlines;
                start += chunk.Length;
                continue;
            }
            while (LineNumber < lineNumber - 1)
            {
                start += chunk.IndexOf((byte)'\n') + 1;
                chunk = buffer.AsSpan(start, end - start);
                LineNumber++;
            }
        }
    }

    private void SkipRestOfLine(byte[] head, out ReadOnlySpan<byte> line)
    {
        start = end;
        while (!endOfStream)
        {
            Fill();
            var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                start += newline + 1;
                break;
            }
            start = end;
        }
        line = head;
    }

    /// <summary>
    /// Starts again from the stream's current position, after the caller has moved it past
    /// <paramref name="linesBefore"/> line ends (possibly into the middle of the next line).
    /// </summary>
    public void Restart(long linesBefore)
    {
        start = end = 0;
        endOfStream = false;
        LineNumber = linesBefore;
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        var read = stream.Read(buffer, end, Math.Min(buffer.Length - end, readBytes));
        if (read == 0) endOfStream = true;
        end += read;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
}
