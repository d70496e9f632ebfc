using System.Text;
using System.Text.Json;

namespace VoteFunctions.Tests;

/// <summary>
/// Reading back the raw text of rejected lines: with the line index of a plain file it seeks near
/// each line; it must find exactly the lines a full read finds, wherever they sit against the
/// index's 64 KiB chunks.
/// </summary>
public sealed class RejectedLineReadBackTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private const int Chunk = LineIndex.ChunkBytes;

    // Lines of random lengths, with some that span chunks and some whose newline is the last or
    // the first byte of a chunk.
    private static List<string> RandomLines(Random random)
    {
        var lines = new List<string>();
        var offset = 0L;
        while (offset < 12 * Chunk)
        {
            var toNextChunk = (int)(Chunk - offset % Chunk);
            var length = random.Next(10) switch
            {
                0 => random.Next(Chunk, 3 * Chunk),
                1 => Math.Max(2, toNextChunk - 1),
                2 => Math.Max(2, toNextChunk),
                _ => random.Next(2, 300),
            };
            var line = "{" + new string((char)('a' + lines.Count % 26), length - 2) + "}";
            lines.Add(line);
            offset += length + 1;
        }
        return lines;
    }

    private static List<(long Line, string RawText)> ReadBack(string path, LineIndex? index, IReadOnlyList<long> wanted) =>
        RejectedLineReadBack.Read(InputFile.Inspect(path), index, wanted);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Seeking_with_the_line_index_finds_the_same_lines_as_reading_the_whole_file(int seed)
    {
        var random = new Random(seed);
        var lines = RandomLines(random);
        var terminated = seed % 2 == 0;
        var path = folder.PathOf("file.jsonl");
        File.WriteAllText(path, string.Join("\n", lines) + (terminated ? "\n" : ""));
        // Near neighbours and far jumps, always with the first and the last line.
        var wanted = Enumerable.Range(1, lines.Count).Where(n => n == 1 || n == lines.Count || random.Next(seed % 3 == 0 ? 8 : 400) == 0)
            .Select(n => (long)n).ToList();

        var index = IndexOf(path);
        Assert.NotNull(index);
        var seeking = ReadBack(path, index, wanted);
        var reading = ReadBack(path, null, wanted);

        var expected = wanted.Select(n => (n, RejectedLineText.Of(Encoding.UTF8.GetBytes(lines[(int)n - 1])))).ToList();
        Assert.Equal(expected, reading);
        Assert.Equal(expected, seeking);
    }

    [Fact]
    public void A_line_that_starts_exactly_on_a_chunk_boundary_is_found()
    {
        var first = "{" + new string('a', Chunk - 3) + "}"; // with its newline, exactly one chunk
        var lines = new[] { first, "{\"second\":1}", "{" + new string('b', 3 * Chunk) + "}", "{\"fourth\":1}" };
        var path = folder.PathOf("file.jsonl");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");

        var found = ReadBack(path, IndexOf(path), [2, 4]);

        Assert.Equal([(2L, lines[1]), (4L, lines[3])], found);
    }

    /// <summary>The line index the line check builds on its read of the file.</summary>
    private LineIndex? IndexOf(string path) =>
        CheckedFile.Of(path, hash: false).Result.Index;
}
