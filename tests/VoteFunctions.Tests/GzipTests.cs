using System.IO.Compression;
using System.Text;
using VoteFunctions.Core.Files;

namespace VoteFunctions.Tests;

/// <summary>
/// A plain file and its gzip must give the same warehouse: the same votes, counts, and rejected
/// lines with the same numbers, reasons and text, whatever lines the file holds.
/// </summary>
public class GzipTests
{
    // The seed also picks which of the harder lines the file holds: none, blank lines, objects
    // spread over several lines, or all of these and invalid UTF-8.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task A_file_and_its_gzip_give_the_same_votes_counts_and_rejected_lines(int seed)
    {
        var content = DirtyFile(seed, lines: 600, blankLines: seed % 4 is 1 or 3, openObjects: seed % 4 is 2 or 3, invalidUtf8: seed % 4 == 3);
        using var plain = new TestWarehouse();
        using var compressed = new TestWarehouse();

        var fromPlain = await plain.Ingest(plain.WriteFile("votes.jsonl", content));
        var fromGzip = await compressed.Ingest(compressed.WriteFile("votes.jsonl.gz", Gzip(content)));

        Assert.Equal(content.Count(b => b == '\n'), fromPlain.LinesRead);
        Assert.Equal((fromGzip.LinesRead, fromGzip.Inserted, fromGzip.Duplicates, fromGzip.Rejected),
            (fromPlain.LinesRead, fromPlain.Inserted, fromPlain.Duplicates, fromPlain.Rejected));
        Assert.True(fromPlain.Rejected > 30 && fromPlain.Inserted > 300, $"a dirty file with votes: {fromPlain}");
        Assert.Equal(compressed.Warehouse.ListRejectedLines().Select(r => (r.LineNumber, r.Reason, r.RawText)),
            plain.Warehouse.ListRejectedLines().Select(r => (r.LineNumber, r.Reason, r.RawText)));
        const string votes = "SELECT Id, PostId, VoteTypeId, CreationDate, UserId, BountyAmount FROM blog_analysis.votes ORDER BY Id";
        Assert.Equal(compressed.Query(votes), plain.Query(votes));
    }

    /// <summary>
    /// A compressed file whose data fails its CRC-32 or length check, or is cut short, vouches for
    /// none of its bytes: lines decoded before the check fails may hold values never sent (a byte
    /// changed in a stored block turns PostId 5555 into 4555). The file is refused whole.
    /// </summary>
    [Theory]
    [InlineData("truncated.jsonl.gz", "cut short")]
    [InlineData("concatenated-truncated.jsonl.gz", "cut short")]
    [InlineData("corrupted-checksum.jsonl.gz", "damaged")]
    [InlineData("byte-changed-in-stored-block.jsonl.gz", "damaged")]
    [InlineData("bit-flipped-in-deflate-data.jsonl.gz", "damaged")]
    // Two members, a bit flipped in the first: its data runs on into the second, so zlib never
    // reaches (and checks) the first member's trailer, and the second member alone is whole.
    [InlineData("flipped-first-member.jsonl.gz", "damaged")]
    // SharpZipLib's inflater indexes past its tables on these code lengths instead of saying so.
    [InlineData("invalid-huffman-code-lengths.jsonl.gz", "damaged")]
    public async Task A_damaged_or_cut_gzip_file_is_refused_whole_with_one_line_naming_it_and_nothing_is_stored(string file, string damage)
    {
        using var test = new TestWarehouse();
        await test.IngestText("stored.jsonl", TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00.000")));
        var before = test.Snapshot();
        var path = file switch
        {
            "byte-changed-in-stored-block.jsonl.gz" => test.WriteFile(file, Damaged(CompressionLevel.NoCompression, at: 0.5)),
            "bit-flipped-in-deflate-data.jsonl.gz" => test.WriteFile(file, Damaged(CompressionLevel.Optimal, at: 0.3)),
            _ => TestWarehouse.Fixture(Path.Combine("dirty", file)),
        };

        var error = await Assert.ThrowsAsync<WarehouseException>(() => test.Ingest(path));

        Assert.StartsWith($"cannot ingest {file}: ", error.Message);
        Assert.Contains(damage, error.Message);
        Assert.EndsWith("nothing of it was stored", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(before, test.Snapshot());
    }

    /// <summary>
    /// A file of three members (the last empty, as bgzip ends its files) cut at any byte, or with a
    /// bit flipped in any byte, is read whole exactly when `gzip -dc` reads it whole without a
    /// warning, and to the same bytes; else it is refused in the check's own words: never a
    /// library's message ("EOS reading GZIP") or an exception of another type, which would reach
    /// the user as a crash. zlib stops in silence at a damaged member header: a flip in the second
    /// left its lines unread, and one in the first (the extra-field flag) read as an empty file
    /// whose last trailer, the empty member's, matched.
    /// </summary>
    [Fact]
    public void A_gzip_file_cut_or_with_a_bit_flipped_anywhere_is_read_whole_only_when_gzip_reads_it_whole()
    {
        var whole = Gzip(Encoding.UTF8.GetBytes(TestWarehouse.Lines(TestWarehouse.Vote(1, "2022-01-10T10:00:00.000"))))
            .Concat(Gzip(Encoding.UTF8.GetBytes(TestWarehouse.Lines(TestWarehouse.Vote(2, "2022-01-11T10:00:00.000")))))
            .Concat(EmptyMember()).ToArray();
        var changed = Enumerable.Range(1, whole.Length - 1).Select(length => whole[..length])
            .Concat(from at in Enumerable.Range(0, whole.Length)
                    from bit in new byte[] { 0x01, 0x04, 0x10, 0x80 }
                    select Flipped(whole, at, bit))
            .Append([.. whole, 0x00])
            .Append([.. whole, .. "junk"u8]);
        var path = Path.Combine(Path.GetTempPath(), $"changed-{Guid.NewGuid():N}.jsonl.gz");
        try
        {
            foreach (var bytes in changed)
            {
                File.WriteAllBytes(path, bytes);
                using var stream = new CheckedGzipStream(File.OpenRead(path));
                using var read = new MemoryStream();
                if (Model.ScenarioGen.GzipDecompress(bytes) is { } content)
                {
                    stream.CopyTo(read);
                    Assert.Equal(content, read.ToArray());
                }
                else
                {
                    var error = Assert.Throws<InvalidDataException>(() => stream.CopyTo(read));
                    Assert.Matches("^the gzip (file is cut short|data is damaged)", error.Message);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Flipped(byte[] bytes, int at, byte bit)
    {
        var copy = bytes.ToArray();
        copy[at] ^= bit;
        return copy;
    }

    /// <summary>A gzip member of no data, as bgzip writes at the end of a file (GZipStream writes nothing for no data).</summary>
    private static byte[] EmptyMember() => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Votes whose PostIds are all 5555, gzip-compressed, with one byte changed at a fraction of the compressed data.</summary>
    private static byte[] Damaged(CompressionLevel level, double at)
    {
        var lines = Enumerable.Range(1, 400).Select(id => TestWarehouse.Vote(id, "2022-01-10T10:00:00.000", postId: 5555)).ToArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, level)) gzip.Write(Encoding.UTF8.GetBytes(TestWarehouse.Lines(lines)));
        var bytes = compressed.ToArray();
        bytes[10 + (int)((bytes.Length - 18) * at)] ^= 0x01;
        return bytes;
    }

    private static byte[] DirtyFile(int seed, int lines, bool blankLines, bool openObjects, bool invalidUtf8)
    {
        var random = new Random(seed);
        var output = new MemoryStream();
        var written = new List<string>();
        var nextId = 1;
        string Vote(int id, int postId = 7) =>
            TestWarehouse.Vote(id, new DateTime(2022, 1, 1).AddMinutes(random.Next(500_000)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff"), postId);
        for (var i = 0; i < lines; i++)
        {
            var kind = random.Next(100);
            if ((kind is >= 90 and < 95 && !blankLines) || (kind is >= 95 and < 98 && !invalidUtf8) || (kind >= 98 && !openObjects)) kind = 0;
            if (i == lines - 1) kind = 0; // a blank last line would send the file to the scan
            string? text = kind switch
            {
                < 55 => Vote(nextId++),
                < 60 when written.Count > 0 => written[random.Next(written.Count)],                     // exact duplicate
                < 64 when nextId > 1 => Vote(random.Next(1, nextId), postId: 999),                     // conflicting Id
                < 66 => Vote(nextId++).Replace("T", "T9"),                                               // bad time
                < 68 => Vote(nextId++).Replace("\"Id\":\"", "\"Id\":\"00"),                              // non-canonical Id
                < 71 => Vote(nextId++)[..30],                                                            // cut off
                < 74 => "<html><body>502 Bad Gateway</body></html>",
                < 76 => Vote(nextId++) + Vote(nextId++),                                                 // two objects
                < 78 => "[" + Vote(nextId++) + "]",
                < 80 => "{}",
                < 83 => Vote(nextId++)[..^1] + ",\"Note\":\"caf\u00e9 \u2603\"}",                         // extra field, not ASCII
                < 86 => Vote(nextId++) + "\r",                                                           // CRLF
                < 90 => "{\"Id\":\"" + nextId++ + "\" \"PostId\":\"1\"}",                               // invalid JSON inside braces
                < 93 => "",
                < 95 => " \t ",
                < 98 => null,                                                                            // invalid UTF-8, below
                _ => "{\n  \"Id\": \"" + nextId++ + "\", \"PostId\": \"1\"\n}",                       // an object over three lines
            };
            if (text is null)
            {
                output.Write(Encoding.UTF8.GetBytes(Vote(nextId++)[..^2]));
                output.Write([0xC3, 0x28]);
                output.Write("\"}\n"u8);
                continue;
            }
            if (text.StartsWith('{') && text.EndsWith('}') && !text.Contains('\n')) written.Add(text);
            output.Write(Encoding.UTF8.GetBytes(text + "\n"));
        }
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest)) gzip.Write(content);
        return compressed.ToArray();
    }
}
