using System.IO.Compression;
using System.Text;

namespace VoteFunctions.Tests;

/// <summary>
/// The fast path of the line verdict (<see cref="CanonicalLine"/>): it takes the shapes real
/// exports have and gives the vote the library route (System.Text.Json and VoteFields) gives;
/// anything else it declines, and the line's verdict is the library route's.
/// </summary>
public sealed class CanonicalLineTests
{
    private static long Microseconds(int year, int month, int day, int hour, int minute, int second, long fraction = 0) =>
        (new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks / 10 + fraction;

    private static string? LibraryRoute(byte[] line, out Vote vote) => LineVerdict.Problem(line, tooLong: false, canonicalFirst: false, out vote);

    // The line, then the vote's Id, PostId, VoteTypeId, CreationDate (microseconds), UserId, BountyAmount.
    public static TheoryData<string, long, long, long, long, long?, long?> Canonical => new()
    {
        { """{"Id":"1","PostId":"26006","VoteTypeId":"2","CreationDate":"2017-01-01T00:49:36.000"}""", 1, 26006, 2, Microseconds(2017, 1, 1, 0, 49, 36), null, null },
        { """{"Id":"7","PostId":"4","VoteTypeId":"5","CreationDate":"2017-01-01T00:49:36.123","UserId":"-1"}""", 7, 4, 5, Microseconds(2017, 1, 1, 0, 49, 36, 123_000), -1, null },
        { """{"Id":"7","PostId":"4","VoteTypeId":"8","CreationDate":"2017-01-01T00:49:36.000","UserId":"29999","BountyAmount":"500"}""", 7, 4, 8, Microseconds(2017, 1, 1, 0, 49, 36), 29999, 500 },
        { """{"Id":"7","PostId":"4","VoteTypeId":"9","CreationDate":"2017-01-01T00:49:36.000","BountyAmount":"0"}""", 7, 4, 9, Microseconds(2017, 1, 1, 0, 49, 36), null, 0 },
        { """{"BountyAmount":"999999999","UserId":"0","CreationDate":"2020-02-29T23:59:59Z","VoteTypeId":"0","PostId":"999999999999999999","Id":"999999999999999999"}""", 999_999_999_999_999_999, 999_999_999_999_999_999, 0, Microseconds(2020, 2, 29, 23, 59, 59), 0, 999_999_999 },
        { """{"Id":"1","PostId":"1","VoteTypeId":"9999","CreationDate":"0001-01-01T00:00:00.1","UserId":"-999999999999999999"}""", 1, 1, 9999, Microseconds(1, 1, 1, 0, 0, 0, 100_000), -999_999_999_999_999_999, null },
        { """{"Id":"1","PostId":"1","VoteTypeId":"2","CreationDate":"9999-12-31T23:59:59.999999999Z"}""", 1, 1, 2, Microseconds(9999, 12, 31, 23, 59, 59, 999_999), null, null },
        { """{"Id":"1","PostId":"1","VoteTypeId":"2","CreationDate":"1969-12-31T23:59:59.0000019"}""", 1, 1, 2, Microseconds(1969, 12, 31, 23, 59, 59, 1), null, null },
        { "{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-09T00:00:00.000\"}\r", 1, 1, 2, Microseconds(2022, 1, 9, 0, 0, 0), null, null },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void A_canonical_line_takes_the_fast_path_with_the_vote_the_library_route_gives(string text, long id, long postId, long voteTypeId, long creationDate, long? userId, long? bountyAmount)
    {
        var expected = new Vote(id, postId, voteTypeId, creationDate, userId, bountyAmount);
        var line = Encoding.UTF8.GetBytes(text);

        Assert.True(CanonicalLine.TryRead(line, out var vote));
        Assert.Equal(expected, vote);
        Assert.Null(LibraryRoute(line, out var libraryVote));
        Assert.Equal(expected, libraryVote);
    }

    private const string Rest = "\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-09T00:00:00.000\"";

    [Theory]
    // Votes the library route takes, in shapes the fast path leaves to it.
    [InlineData("{\"Id\": \"1\"," + Rest + "}", true)]
    [InlineData(" {\"Id\":\"1\"," + Rest + "}", true)]
    [InlineData("{\"Id\":\"1\"," + Rest + "} ", true)]
    [InlineData("{\"Id\":\"1\"," + Rest + "}\t\r", true)]
    [InlineData("{\"Id\":\"1\"," + Rest + "}\r\r", true)]
    [InlineData("{\"Id\":\"\\u0031\"," + Rest + "}", true)]
    [InlineData("{\"I\\u0064\":\"1\"," + Rest + "}", true)]
    [InlineData("{\"Id\":1," + Rest + "}", true)]
    [InlineData("{\"Id\":\"1\"," + Rest + ",\"UserId\":null}", true)]
    [InlineData("{\"Id\":\"1\"," + Rest + ",\"BountyAmount\":\"\"}", true)]
    [InlineData("{\"Id\":\"1\"," + Rest + ",\"Note\":\"x\"}", true)]
    [InlineData("{\"Id\":\"1\"," + Rest + ",\"Note\":\"caf\u00e9\"}", true)]
    [InlineData("{\"Id\":\"9223372036854775807\"," + Rest + "}", true)]
    [InlineData("{\"Id\":\"1000000000000000000\"," + Rest + "}", true)]
    [InlineData("{\"Id\":\"1\"," + Rest + ",\"UserId\":\"-9223372036854775808\"}", true)]
    [InlineData("{\"Id\":\"1\"," + Rest + ",\"BountyAmount\":\"2147483647\"}", true)]
    [InlineData("{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"32767\",\"CreationDate\":\"2022-01-09T00:00:00\"}", true)]
    // Lines the library route rejects: the fast path never does, it declines.
    [InlineData("{\"Id\":\"1\",\"Id\":\"1\"," + Rest + "}", false)]
    [InlineData("{\"Id\":\"01\"," + Rest + "}", false)]
    [InlineData("{\"Id\":\"0\"," + Rest + "}", false)]
    [InlineData("{\"Id\":\"1\"," + Rest + ",\"UserId\":\"-0\"}", false)]
    [InlineData("{\"Id\":\"9223372036854775808\"," + Rest + "}", false)]
    [InlineData("{\"Id\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-09T00:00:00\"}", false)]
    [InlineData("{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-02-29T00:00:00\"}", false)]
    [InlineData("{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-09T24:00:00\"}", false)]
    [InlineData("{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-09 00:00:00\"}", false)]
    [InlineData("{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-09T00:00:00.\"}", false)]
    [InlineData("{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"2022-01-09T00:00:00.0000000000\"}", false)]
    [InlineData("{\"Id\":\"1\",\"PostId\":\"1\",\"VoteTypeId\":\"2\",\"CreationDate\":\"0000-01-09T00:00:00\"}", false)]
    [InlineData("{\"Id\":\"1\"," + Rest + ",}", false)]
    [InlineData("{\"Id\":\"1\\\"2\"," + Rest + "}", false)]
    [InlineData("{\"Id\":\"1\"," + Rest + "}\f", false)]
    [InlineData("{\"Id\":\"1\"," + Rest + "}{}", false)]
    [InlineData("{\"Id\":\"1\"," + Rest, false)]
    [InlineData("{}", false)]
    [InlineData("", false)]
    public void Any_other_line_is_declined_and_judged_by_the_library_route_alone(string text, bool libraryTakesIt)
    {
        var line = Encoding.UTF8.GetBytes(text);

        Assert.False(CanonicalLine.TryRead(line, out _));
        var reason = LibraryRoute(line, out var libraryVote);
        Assert.Equal(libraryTakesIt, reason is null);
        Assert.Equal((reason, libraryVote), (LineVerdict.Problem(line, tooLong: false, canonicalFirst: true, out var vote), vote));
    }

    [Fact]
    public void A_line_too_long_is_rejected_even_when_its_start_is_canonical()
    {
        var line = Encoding.UTF8.GetBytes("{\"Id\":\"1\"," + Rest + "}");

        Assert.StartsWith("line is longer than", LineVerdict.Problem(line, tooLong: true, canonicalFirst: true, out _));
    }

    [Fact]
    public void Every_vote_of_the_bundled_dataset_and_of_a_generated_file_takes_the_fast_path_and_every_line_gets_the_library_routes_verdict()
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(AzuriteFixture.RepositoryRoot(), "data", "votes-2017-2021.jsonl.gz")), CompressionMode.Decompress);
        using var bundled = new StreamReader(gzip);
        var generated = new StringWriter();
        new VoteFileGenerator { Rows = 20_000, Seed = 5, DuplicateRate = 0.01, BadLineRate = 0.01 }.WriteTo(generated);
        var lines = bundled.ReadToEnd().Split('\n').SkipLast(1).Concat(generated.ToString().Split('\n').SkipLast(1)).ToList();

        var (votes, rejected) = (0, 0);
        foreach (var line in lines.Select(Encoding.UTF8.GetBytes))
        {
            var reason = LibraryRoute(line, out var libraryVote);
            var fast = CanonicalLine.TryRead(line, out var vote);
            Assert.Equal(reason is null, fast);
            if (fast) Assert.Equal(libraryVote, vote);
            Assert.Equal(reason, LineVerdict.Problem(line, tooLong: false, canonicalFirst: true, out _));
            if (fast) votes++; else rejected++;
        }
        Assert.Equal(60_000, votes + rejected);
        Assert.InRange(rejected, 19, 500); // the bundled dataset's 19 and the generated file's bad lines
    }
}
