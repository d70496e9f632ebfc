using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VoteFunctions.Tests;

/// <summary>
/// The one C# read of an input file: a verdict for every line, the line count, SHA-256 of the
/// bytes. Lines are read in buffers of a few MiB, so the cases sit on and across their boundaries.
/// </summary>
public sealed class LineCheckTests : IDisposable
{
    private const int Limit = LineVerdict.MaxLineBytes;
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private (LineCheck.Result Result, List<(long Line, string Reason)> Rejected) Check(byte[] content)
    {
        var path = folder.PathOf("file.jsonl");
        File.WriteAllBytes(path, content);
        var file = CheckedFile.Of(path);
        return (file.Result, file.Rejected.Select(r => (r.LineNumber, r.Reason)).ToList());
    }

    // Lines with many two-byte characters (é), so that buffer boundaries fall inside some of them.
    private static byte[] LinesWithAccents(int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, count).Select(i =>
            $"{{\"Id\":\"{i}\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-10T10:00:00.000\",\"Note\":\"{new string('\u00e9', 30)}\"}}\n")));

    [Fact]
    public void Multi_byte_characters_across_buffer_boundaries_are_valid_every_line_is_counted_and_the_hash_is_of_the_bytes()
    {
        var content = LinesWithAccents(40_000);
        Assert.Contains(Enumerable.Range(1, content.Length / Limit), k => content[k * Limit] is >= 0x80 and < 0xC0); // a character across a boundary

        var (result, rejected) = Check(content);

        Assert.Empty(rejected);
        Assert.Equal(40_000, result.Lines);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), result.Sha256);
    }

    [Fact]
    public void An_invalid_byte_far_into_the_file_rejects_exactly_its_line()
    {
        var content = LinesWithAccents(40_000);
        var at = 2 * Limit + 5000;
        content[at] = 0xFF;
        var line = content.AsSpan(0, at).Count((byte)'\n') + 1;

        var (result, rejected) = Check(content);

        Assert.Equal([(line, "line is not valid UTF-8 text")], rejected);
        Assert.Equal(40_000, result.Lines);
    }

    [Fact]
    public void A_character_cut_by_a_line_end_is_invalid_even_at_a_buffer_boundary()
    {
        // The first line is padded so that its last byte, the first byte of 'é', ends a buffer.
        var first = new byte[Limit - 2];
        Array.Fill(first, (byte)' ');
        first[0] = (byte)'{';
        first[^2] = (byte)'}';
        first[^1] = 0xC3;
        byte[] cut = [.. first, .. Encoding.UTF8.GetBytes("\n" + Vote + "\n")];
        byte[] completed = [.. first, 0xA9, .. Encoding.UTF8.GetBytes("\n" + Vote + "\n")];

        Assert.Equal([(1L, "line is not valid UTF-8 text")], Check(cut).Rejected);
        Assert.DoesNotContain(Check(completed).Rejected, r => r.Reason.Contains("UTF-8")); // the same line completed by the second byte
    }

    private const string Vote = """{"Id":"1","PostId":"1","VoteTypeId":"2","CreationDate":"2022-01-10T10:00:00"}""";

    [Theory]
    [InlineData(Limit - 1, false)] // the longest line that is read
    [InlineData(Limit, true)]
    [InlineData(3 * Limit, true)]
    public void A_line_of_the_limit_or_longer_is_rejected_without_being_parsed(int length, bool tooLong)
    {
        var vote = "{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-10T10:00:00\",\"Pad\":\"";
        var line = vote + new string('a', length - vote.Length - 2) + "\"}";
        Assert.Equal(length, line.Length);

        var (result, rejected) = Check(Encoding.UTF8.GetBytes(Vote + "\n" + line + "\n" + Vote + "\n"));

        Assert.Equal(3, result.Lines);
        if (tooLong) Assert.Equal([(2L, $"line is longer than {Limit:N0} bytes; a vote is a few hundred")], rejected);
        else Assert.Empty(rejected);
    }

    [Theory]
    [InlineData("V\nV\n", 2, "")]
    [InlineData("V\nV", 2, "")]          // no final newline: the last line still counts
    [InlineData("V\r\nV\r\n", 2, "")]
    [InlineData("", 0, "")]
    [InlineData("V\n\n", 2, "2")]         // a final newline does not start a line; the blank one before it is one
    [InlineData("V\n \t\r\n", 2, "2")]
    [InlineData("\n", 1, "1")]
    [InlineData("V\n\nV\n", 3, "2")]
    public void Lines_are_counted_as_an_editor_does_and_blank_ones_are_rejected(string content, long lines, string blankLines)
    {
        // V: a vote
        var (result, rejected) = Check(Encoding.UTF8.GetBytes(content.Replace("V", Vote)));

        Assert.Equal(lines, result.Lines);
        Assert.Equal(blankLines.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse), rejected.Select(r => r.Line));
        Assert.All(rejected, r => Assert.Equal(LineVerdict.BlankLine, r.Reason));
    }

    [Fact]
    public void A_byte_order_mark_is_dropped_and_gzip_is_decompressed_while_the_hash_is_of_the_stored_bytes()
    {
        Assert.Equal((1L, 0), (Check([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Vote + "\n")]) is var bom ? (bom.Result.Lines, bom.Rejected.Count) : default));

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(Vote + "\n" + Vote + "\n"));
        var (result, rejected) = Check(compressed.ToArray());
        Assert.Equal((2L, 0), (result.Lines, rejected.Count));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(compressed.ToArray())), result.Sha256);
    }
}
