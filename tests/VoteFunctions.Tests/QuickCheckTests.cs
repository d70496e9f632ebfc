using System.IO.Compression;
using System.Text;
using VoteFunctions.Core;

namespace VoteFunctions.Tests;

/// <summary>
/// The fast whole-buffer pass that decides whether DuckDB may read a file as it is. It works on
/// 1 MiB blocks, so its cases sit on and across block boundaries.
/// </summary>
public class QuickCheckTests
{
    private const int Block = VoteFileScanner.MaxLineBytes;

    private static VoteFileScanner.QuickCheck Check(TestWarehouse test, byte[] content) =>
        VoteFileScanner.CheckQuickly(test.WriteFile("file.jsonl", content), null, CancellationToken.None);

    // Lines with many two-byte characters (é), so that block boundaries fall inside some of them.
    private static byte[] LinesWithAccents(int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, count).Select(i =>
            $"{{\"Id\":\"{i}\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-10T10:00:00.000\",\"Note\":\"{new string('\u00e9', 30)}\"}}\n")));

    [Fact]
    public void Multi_byte_characters_across_block_boundaries_are_valid_and_every_line_is_counted()
    {
        using var test = new TestWarehouse();
        var content = LinesWithAccents(40_000);
        Assert.Contains(Enumerable.Range(1, content.Length / Block), k => content[k * Block] is >= 0x80 and < 0xC0); // a character across a boundary

        var check = Check(test, content);

        Assert.True(check.ReadableAsIs);
        Assert.Equal(40_000, check.Lines);
        Assert.Equal(Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(content)), check.Xxh128);
    }

    [Fact]
    public void Told_mid_read_that_the_file_may_be_a_re_delivery_it_only_computes_the_key_and_says_it_did_not_check()
    {
        using var test = new TestWarehouse();
        var content = LinesWithAccents(40_000); // several blocks
        var path = test.WriteFile("file.jsonl", content);
        var blocks = 0;

        var keyOnly = VoteFileScanner.CheckQuickly(path, null, CancellationToken.None, keyOnly: () => ++blocks > 2);
        var keyOnlyFromTheStart = VoteFileScanner.CheckQuickly(path, null, CancellationToken.None, keyOnly: () => true);
        var full = VoteFileScanner.CheckQuickly(path, null, CancellationToken.None);

        Assert.False(keyOnly.Complete);
        Assert.False(keyOnly.ReadableAsIs);
        Assert.Equal(full.Xxh128, keyOnly.Xxh128);
        Assert.False(keyOnlyFromTheStart.Complete);
        Assert.Equal(full.Xxh128, keyOnlyFromTheStart.Xxh128);
        Assert.True(full.Complete);
        Assert.True(full.ReadableAsIs);
    }

    [Fact]
    public void An_invalid_byte_far_into_the_file_makes_it_need_the_line_scan()
    {
        using var test = new TestWarehouse();
        var content = LinesWithAccents(40_000);
        content[2 * Block + 5000] = 0xFF;

        Assert.False(Check(test, content).ReadableAsIs);
    }

    [Fact]
    public void A_character_cut_by_a_line_end_is_invalid_even_at_a_block_boundary()
    {
        using var test = new TestWarehouse();
        // The first block ends with the first byte of 'é', and the next one starts with a newline.
        var firstBlock = new byte[Block];
        Array.Fill(firstBlock, (byte)' ');
        "{}\n"u8.CopyTo(firstBlock);
        firstBlock[^1] = 0xC3;
        var content = firstBlock.Concat("\n{}\n"u8.ToArray()).ToArray();
        byte[] completed = [.. firstBlock, 0xA9, .. "\n{}\n"u8.ToArray()];
        Assert.True(Check(test, completed).ReadableAsIs, "the same block completed by the second byte of 'é' is valid");

        Assert.False(Check(test, content).ReadableAsIs);
    }

    [Theory]
    [InlineData(Block - 2, true)]   // the longest line the scanner would accept
    [InlineData(Block, false)]      // a line the scanner rejects as too long
    [InlineData(3 * Block, false)]
    public void A_line_of_the_scanner_limit_or_longer_makes_it_need_the_line_scan(int length, bool readable)
    {
        using var test = new TestWarehouse();
        var line = new byte[length];
        Array.Fill(line, (byte)'a');
        var content = "{}\n"u8.ToArray().Concat(line).Concat("\n{}\n"u8.ToArray()).ToArray();

        var check = Check(test, content);

        Assert.Equal(readable, check.ReadableAsIs);
        if (readable) Assert.Equal(3, check.Lines);
    }

    [Theory]
    [InlineData("{}\n{}\n", true, 2)]
    [InlineData("{}\n{}", true, 2)]          // no final newline: the last line still counts
    [InlineData("{}\r\n{}\r\n", true, 2)]
    [InlineData("", true, 0)]
    [InlineData("{}\n\n", false, 0)]         // a blank last line: DuckDB would give no row for it
    [InlineData("{}\n \t\r\n", false, 0)]
    [InlineData("\n", false, 0)]
    [InlineData("{}\n\n{}\n", true, 3)]      // a blank line between others: the row count catches it later
    public void Lines_are_counted_as_an_editor_does_and_a_blank_last_line_needs_the_line_scan(string content, bool readable, long lines)
    {
        using var test = new TestWarehouse();

        var check = Check(test, Encoding.UTF8.GetBytes(content));

        Assert.Equal(readable, check.ReadableAsIs);
        Assert.Equal(lines, check.Lines);
    }

    [Fact]
    public void A_byte_order_mark_or_gzip_makes_it_need_the_line_scan()
    {
        using var test = new TestWarehouse();
        Assert.False(Check(test, [0xEF, 0xBB, 0xBF, .. "{}\n"u8.ToArray()]).ReadableAsIs);

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write("{}\n"u8);
        Assert.False(Check(test, compressed.ToArray()).ReadableAsIs);
    }
}
