using System.Text;

namespace VoteFunctions.Tests;

/// <summary>
/// Each dirty file under Fixtures/dirty: the valid lines become votes, every other line is a
/// rejected line with its number, raw text and a reason, and the counts add up to the lines read.
/// </summary>
public class DirtyInputTests
{
    public static TheoryData<string, long, long, long, long, string> Files => new()
    {
        // file, lines read, inserted, duplicates, rejected, "line:reason fragment|..." of the rejected lines
        { "blank-lines.jsonl", 5, 3, 0, 2, "2:blank line|4:blank line" },
        { "trailing-blank-lines.jsonl", 4, 2, 0, 2, "3:blank line|4:blank line" },
        { "not-json.jsonl", 4, 2, 0, 2, "2:not a JSON object|4:not a JSON object" },
        { "truncated-last-line.jsonl", 3, 2, 0, 1, "3:not a complete JSON object" },
        { "missing-fields.jsonl", 8, 1, 0, 7,
            "1:Id is missing|2:PostId is missing|3:VoteTypeId is missing|4:CreationDate is missing|5:Id is missing|" +
            "6:PostId is missing; VoteTypeId is missing; CreationDate is missing|8:Id is missing" },
        { "non-numeric-ids.jsonl", 11, 1, 0, 10,
            "1:Id is not a positive integer: abc|2:PostId is not a positive integer: 12x|3:VoteTypeId is not a small non-negative integer: up|" +
            "4:Id is not a positive integer: -5|5:Id is not a positive integer: 4.0|6:Id is not a positive integer:  6|7:Id is not a positive integer: 0|" +
            "8:UserId is not an integer: someone|9:BountyAmount is not a non-negative integer: fifty|10:Id is too large: 99999999999999999999" },
        { "bad-dates.jsonl", 9, 2, 0, 7,
            "1:CreationDate is not a valid|2:CreationDate is not a valid|3:CreationDate is not a valid|4:CreationDate is not a valid|" +
            "5:CreationDate is not a valid|6:CreationDate is not a valid|9:CreationDate is not a valid" },
        { "json-numbers.jsonl", 4, 2, 0, 2, "2:Id is not a positive integer: 2.5|3:PostId is not a positive integer: true" },
        { "extra-fields.jsonl", 3, 3, 0, 0, "" },
        { "multi-line-object.jsonl", 6, 2, 0, 4,
            "2:not a complete JSON object|3:not a JSON object|4:not a JSON object|5:JSON array" },
        { "bom.jsonl", 2, 2, 0, 0, "" },
        { "crlf.jsonl", 3, 3, 0, 0, "" },
        { "no-final-newline.jsonl", 2, 2, 0, 0, "" },
        { "invalid-utf8.jsonl", 3, 2, 0, 1, "2:not valid UTF-8" },
        { "invalid-json-inside-braces.jsonl", 5, 2, 0, 3, "2:not valid JSON|3:not valid JSON|5:not valid JSON" },
        { "empty.jsonl", 0, 0, 0, 0, "" },
        { "sample-votes.jsonl.gz", 16, 16, 0, 0, "" },
        { "gzip-without-gz-name.jsonl", 2, 2, 0, 0, "" },
        // Several gzip members, as `cat a.gz b.gz` or a block-wise compressor (bgzip) makes them.
        { "concatenated.jsonl.gz", 16, 16, 0, 0, "" },
        { "one-member-per-line.jsonl.gz", 16, 16, 0, 0, "" },
        { "conflicting-duplicates.jsonl", 6, 3, 1, 2, "3:appears on line 1 of this file with different content|6:appears on line 5 of this file with different content" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_line_of_a_dirty_file_is_inserted_duplicate_or_rejected_with_its_reason(
        string file, long linesRead, long inserted, long duplicates, long rejected, string expectedRejections)
    {
        using var test = new TestWarehouse();
        var result = await test.Ingest(TestWarehouse.Fixture(Path.Combine("dirty", file)));

        Assert.Equal((linesRead, inserted, duplicates, rejected), (result.LinesRead, result.Inserted, result.Duplicates, result.Rejected));
        Assert.Equal(linesRead, result.Inserted + result.Duplicates + result.Rejected);
        Assert.Equal(inserted, test.VoteCount);
        Assert.Equal(inserted, test.Count("SELECT coalesce(sum(VoteCount), 0) FROM blog_analysis.weekly_vote_counts"));

        var rejections = test.Warehouse.ListRejectedLines();
        var expected = expectedRejections.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => (Line: long.Parse(e[..e.IndexOf(':')]), Reason: e[(e.IndexOf(':') + 1)..])).ToList();
        Assert.Equal(expected.Select(e => e.Line), rejections.Select(r => r.LineNumber));
        foreach (var (line, reason) in expected)
            Assert.Contains(reason, rejections.Single(r => r.LineNumber == line).Reason);
        Assert.All(rejections, r => Assert.NotNull(r.RawText));
    }

    [Fact]
    public async Task The_raw_text_of_a_rejected_line_is_the_line_as_sent()
    {
        using var test = new TestWarehouse();
        await test.Ingest(TestWarehouse.Fixture("dirty/non-numeric-ids.jsonl"));
        await test.Ingest(TestWarehouse.Fixture("dirty/not-json.jsonl"));

        var lines = File.ReadAllLines(TestWarehouse.Fixture("dirty/non-numeric-ids.jsonl"));
        Assert.Equal(lines[0], test.Warehouse.ListRejectedLines("non-numeric-ids.jsonl").First().RawText);
        Assert.Equal("this is not json", test.Warehouse.ListRejectedLines("not-json.jsonl").First().RawText);
    }

    [Fact]
    public async Task A_binary_file_is_rejected_line_by_line_and_stores_no_votes()
    {
        using var test = new TestWarehouse();
        var result = await test.Ingest(TestWarehouse.Fixture("dirty/binary.bin"));

        Assert.True(result.LinesRead > 10);
        Assert.Equal((0L, 0L, result.LinesRead), (result.Inserted, result.Duplicates, result.Rejected));
        Assert.Equal(result.LinesRead, test.Warehouse.ListRejectedLines().Count());
    }

    // 1.5 MiB fits in the reader's 2 MiB buffer together with its newline: still too long.
    [Theory]
    [InlineData(2 << 20)]
    [InlineData(3 << 19)]
    public async Task A_line_longer_than_the_limit_is_rejected_and_the_others_are_kept(int padding)
    {
        using var test = new TestWarehouse();
        var longLine = TestWarehouse.Vote(2, "2022-01-10T10:00:00.000")[..^1] + ",\"Padding\":\"" + new string('x', padding) + "\"}";
        var result = await test.IngestText("long.jsonl", TestWarehouse.Lines(
            TestWarehouse.Vote(1, "2022-01-10T10:00:00.000"), longLine, TestWarehouse.Vote(3, "2022-01-10T10:00:00.000")));

        Assert.Equal((3L, 2L, 1L), (result.LinesRead, result.Inserted, result.Rejected));
        var rejected = Assert.Single(test.Warehouse.ListRejectedLines());
        Assert.Equal(2, rejected.LineNumber);
        Assert.Contains("longer than", rejected.Reason);
        Assert.True(rejected.RawText!.Length < 5000, "the stored raw text is cut to a few KiB");
    }
}

public class LineNumberTests
{
    // DuckDB reads a file with bad lines as it is (a bad line becomes a row of NULLs in its
    // place), unless a blank line sits before other lines (DuckDB skips it, which would shift every
    // later row): then it reads a copy with placeholders. Both routes must give exact line numbers.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Rejected_line_numbers_in_a_large_file_read_in_parallel_are_the_lines_of_the_bad_lines(bool blankLinesInside)
    {
        using var test = new TestWarehouse();
        var path = test.WriteFile("large.jsonl", "");
        new VoteFileGenerator { Rows = 400_000, Seed = 8, DuplicateRate = 0.01, BadLineRate = 0.002 }.WriteTo(path);
        if (blankLinesInside)
            File.WriteAllLines(path, File.ReadLines(path).SelectMany((line, index) => index % 97_000 == 50 ? new[] { "", line } : new[] { line }).ToList());
        // An independent judge of each line: System.Text.Json, and the generator's kinds of damage.
        var expected = File.ReadLines(path).Select((line, index) => (line, number: index + 1L)).Where(l =>
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(l.line);
                return !json.RootElement.TryGetProperty("PostId", out _) || l.line.Contains("T25:61");
            }
            catch (System.Text.Json.JsonException)
            {
                return true;
            }
        }).Select(l => l.number).ToList();
        var lines = File.ReadLines(path).LongCount();

        var result = await test.Ingest(path);

        Assert.True(expected.Count > 500, $"the generator made {expected.Count} bad lines");
        var rejected = test.Warehouse.ListRejectedLines();
        Assert.Equal(expected, rejected.Select(r => r.LineNumber));
        var fileLines = File.ReadAllLines(path);
        Assert.Equal(expected.Select(n => fileLines[n - 1]), rejected.Select(r => r.RawText));
        Assert.Equal(expected.Count, result.Rejected);
        Assert.Equal(lines, result.LinesRead);
        Assert.Equal(blankLinesInside ? 400_005 : 400_000, lines);
    }
}
