using System.IO.Compression;
using System.Text;

namespace VoteFunctions.Tests;

/// <summary>
/// The input contract as the README states it, line by line. Each case is line 2 of a file, in
/// three files: with good neighbours, with a blank line after it, and gzip-compressed. A line's
/// verdict must not depend on its neighbours or on how the file is stored.
/// </summary>
public class InputContractTests
{
    private const string Good = """{"Id":"1","PostId":"1","VoteTypeId":"2","CreationDate":"2022-01-10T10:00:00"}""";
    private const string LastGood = """{"Id":"3","PostId":"1","VoteTypeId":"2","CreationDate":"2022-01-10T10:00:00"}""";

    private static string Vote(string fields) => "{\"Id\":\"2\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-10T10:00:00\"" + fields + "}";
    private static string VoteDated(string creationDate) => $$"""{"Id":"2","PostId":"1","VoteTypeId":"2","CreationDate":"{{creationDate}}"}""";

    public static TheoryData<string, string> Lines => new()
    {
        // line 2, and what becomes of it: "stored <CreationDate as stored>" or a fragment of the reason
        { Vote(",\"Note\":\"ok\""), "stored 2022-01-10 10:00:00" },
        { Vote(",") , "not valid JSON" },                                                   // a trailing comma
        { Vote(",\"Note\":NaN"), "not valid JSON" },
        { Vote(",\"Note\":Infinity"), "not valid JSON" },
        { Vote(",\"Note\":" + new string('[', 10) + new string(']', 10)), "stored 2022-01-10 10:00:00" },
        { Vote(",\"Note\":" + new string('[', 70) + new string(']', 70)), "not valid JSON" }, // deeper than 64
        { Vote(",\"Id\":\"5\""), "ambiguous: the field \"Id\" appears more than once" },
        { Vote(",\"\\u0049d\":\"2\""), "ambiguous: the field \"Id\" appears more than once" },
        { Vote(",\"Note\":\"\\ud800\""), "not valid JSON" },                               // a lone surrogate
        { Vote(",\"Note\":/* c */1"), "not valid JSON" },
        { Vote(",\"BountyAmount\":\"-50\""), "BountyAmount is not a non-negative integer: -50" },
        { Vote(",\"BountyAmount\":\"3000000000\""), "BountyAmount is too large (at most 2147483647): 3000000000" },
        { Vote(",\"BountyAmount\":\"0\""), "stored 2022-01-10 10:00:00" },
        { Vote(",\"UserId\":\"99999999999999999999\""), "UserId is too large: 99999999999999999999" },
        { Vote(",\"UserId\":\"-1\""), "stored 2022-01-10 10:00:00" },
        { """{"Id":"99999999999999999999","PostId":"1","VoteTypeId":"2","CreationDate":"2022-01-10T10:00:00"}""", "Id is too large: 99999999999999999999" },
        { """{"Id":"2","PostId":"-3","VoteTypeId":"40000","CreationDate":"2022-01-10T10:00:00"}""", "PostId is not a positive integer: -3; VoteTypeId is too large (at most 32767): 40000" },
        { VoteDated("2020-01-06T01:02:03"), "stored 2020-01-06 01:02:03" },
        { VoteDated("2020-01-06T01:02:03Z"), "stored 2020-01-06 01:02:03" },
        { VoteDated("2020-01-06T01:02:03.5"), "stored 2020-01-06 01:02:03.5" },
        { VoteDated("2020-01-06T01:02:03.1234567"), "stored 2020-01-06 01:02:03.123456" },          // .NET's round-trip format
        { VoteDated("2020-01-06T01:02:03.999999999Z"), "stored 2020-01-06 01:02:03.999999" },         // cut to microseconds, not rounded
        { VoteDated("0001-01-01T00:00:00"), "stored 0001-01-01 00:00:00" },
        { VoteDated("9999-12-31T23:59:59"), "stored 9999-12-31 23:59:59" },
        { VoteDated("2020-1-6T1:2:3"), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("20-01-06T01:02:03"), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("202-01-06T01:02:03"), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("0000-01-06T01:02:03"), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated(" 2020-01-06T01:02:03"), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("2020-01-06T01:02:03 "), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("2020-01-06T24:00:00"), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("2020-02-30T00:00:00"), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("2020-01-06T01:02:03."), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("2020-01-06T01:02:03.1234567890"), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("2020-01-06T01:02:03+01:00"), "CreationDate is not a valid ISO-8601 timestamp" },
        { VoteDated("2020-01-06"), "CreationDate is not a valid ISO-8601 timestamp" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task A_line_gets_the_same_verdict_whichever_way_the_file_is_read(string line, string expected)
    {
        var plain = Good + "\n" + line + "\n" + LastGood + "\n";
        var withBlankLine = Good + "\n" + line + "\n\n" + LastGood + "\n";

        var asIs = await Verdict("votes.jsonl", Encoding.UTF8.GetBytes(plain));
        var fromCleanCopy = await Verdict("votes.jsonl", Encoding.UTF8.GetBytes(withBlankLine));
        var fromGzip = await Verdict("votes.jsonl.gz", Gzip(Encoding.UTF8.GetBytes(plain)));

        if (expected.StartsWith("stored ")) Assert.Equal(expected, asIs);
        else Assert.Contains(expected, asIs);
        Assert.Equal(asIs, fromCleanCopy);
        Assert.Equal(asIs, fromGzip);
    }

    /// <summary>What became of line 2: "stored" and its CreationDate, or its rejection reason.</summary>
    private static async Task<string> Verdict(string name, byte[] content)
    {
        using var test = new TestWarehouse();
        await test.Ingest(test.WriteFile(name, content));
        var stored = test.Query("SELECT strftime(CreationDate, '%Y-%m-%d %H:%M:%S.%f') FROM blog_analysis.votes WHERE Id = 2");
        var rejected = test.Query("SELECT Reason FROM blog_analysis.rejected_lines WHERE LineNumber = 2");
        return stored.Count == 1 ? "stored " + stored[0][0].TrimEnd('0').TrimEnd('.') : Assert.Single(rejected)[0];
    }

    [Theory]
    [InlineData("{")]
    [InlineData("x")]
    public async Task A_file_of_one_byte_is_one_rejected_line(string content)
    {
        using var test = new TestWarehouse();

        var result = await test.IngestText("tiny.jsonl", content);

        Assert.Equal((1L, 0L, 1L), (result.LinesRead, result.Inserted, result.Rejected));
        Assert.Equal(content, Assert.Single(test.Warehouse.ListRejectedLines()).RawText);
    }

    [Fact]
    public async Task Millions_of_bad_lines_are_all_counted_and_the_first_ten_thousand_are_kept()
    {
        using var test = new TestWarehouse();
        // 1,000,000 blank lines and a vote, compressed to a few kilobytes.
        var content = new byte[1_000_000];
        Array.Fill(content, (byte)'\n');
        var path = test.WriteFile("blank.jsonl.gz", Gzip([.. content, .. Encoding.UTF8.GetBytes(Good + "\n")]));
        // 20,000 lines that are not JSON, read by DuckDB as it is at first.
        var notJson = test.WriteFile("not-json.jsonl", string.Concat(Enumerable.Repeat("not json\n", 20_000)) + LastGood + "\n");

        var blank = await test.Ingest(path);
        var text = await test.Ingest(notJson);

        Assert.Equal((1_000_001L, 1L, 1_000_000L), (blank.LinesRead, blank.Inserted, blank.Rejected));
        Assert.Equal((20_001L, 1L, 20_000L), (text.LinesRead, text.Inserted, text.Rejected));
        Assert.Equal(2 * IngestResult.MaxKeptRejections, test.Count("SELECT count(*) FROM blog_analysis.rejected_lines"));
        Assert.Equal(IngestResult.MaxKeptRejections, test.Count("SELECT max(LineNumber) FROM blog_analysis.rejected_lines"));
        Assert.Equal(0, test.Count("SELECT count(*) FROM blog_analysis.rejected_lines WHERE Reason NOT IN ('blank line', 'line is not a JSON object')"));
    }

    private static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest)) gzip.Write(content);
        return compressed.ToArray();
    }
}
