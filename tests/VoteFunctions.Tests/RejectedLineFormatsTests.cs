namespace VoteFunctions.Tests;

public class RejectedLineFormatsTests
{
    // Rejected lines as a reader yields them, failing after the first thousand.
    private static IEnumerable<RejectedLine> ThousandThenAFailure()
    {
        for (var i = 1; i <= 1000; i++) yield return new RejectedLine("f.jsonl", i, "x", "line is not a JSON object");
        throw new IOException("the reader failed here");
    }

    [Theory]
    [InlineData("csv", 1001)]   // the header and every line before the failure
    [InlineData("json", 1000)]  // "[" and every line before the failure, each on a new line
    public void Machine_formats_are_written_as_the_lines_are_read_not_all_at_the_end(string format, int linesWritten)
    {
        var output = new StringWriter();

        Action write = format == "csv" ? () => RejectedLineFormats.WriteCsv(ThousandThenAFailure(), output) : () => RejectedLineFormats.WriteJson(ThousandThenAFailure(), output);
        Assert.Throws<IOException>(write);

        Assert.Equal(linesWritten, output.ToString().Count(c => c == '\n'));
    }

    [Fact]
    public void Json_output_is_an_array_that_ends_with_a_newline()
    {
        var output = new StringWriter();

        RejectedLineFormats.WriteJson([new RejectedLine("f.jsonl", 2, "x", "why")], output);

        Assert.Equal("[\n  {\"fileName\":\"f.jsonl\",\"lineNumber\":2,\"rawText\":\"x\",\"reason\":\"why\"}\n]\n", output.ToString());
        Assert.Equal("[]\n", WriteJson([]));
    }

    private static string WriteJson(IEnumerable<RejectedLine> lines)
    {
        var output = new StringWriter();
        RejectedLineFormats.WriteJson(lines, output);
        return output.ToString();
    }
}
