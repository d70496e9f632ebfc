
namespace VoteFunctions.Tests;

/// <summary>votes weeks and votes chart, run as the real command-line tool.</summary>
public class WeeksAndChartCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("votes-weeks-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private void IngestSample() => Assert.Equal(0, CliRunner.Run(folder, "ingest", TestWarehouse.Fixture("sample-votes.jsonl")).ExitCode);

    [Fact]
    public void Weeks_as_csv_has_a_row_per_week_with_votes_and_its_outlier_rows_are_the_outliers_csv()
    {
        IngestSample();

        var weeks = CliRunner.Run(folder, "weeks", "-f", "csv");
        var outliers = CliRunner.Run(folder, "outliers", "-f", "csv");

        Assert.Equal((0, ""), (weeks.ExitCode, weeks.Stderr));
        var lines = weeks.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("Year,WeekNumber,VoteCount,MeanVotes,Deviation,IsOutlier", lines[0]);
        // The sample has votes in weeks 0 to 8 of 2022.
        Assert.Equal(Enumerable.Range(0, 9).Select(w => $"2022,{w}"), lines.Skip(1).Select(l => string.Join(",", l.Split(',')[..2])));
        var outlierRows = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[5] == "true").Select(f => string.Join(",", f[..3]));
        Assert.Equal(outliers.Stdout, "Year,WeekNumber,VoteCount\n" + string.Concat(outlierRows.Select(r => r + "\n")));
        Assert.Equal(File.ReadAllText(TestWarehouse.Fixture("sample-outlier-weeks.csv")).ReplaceLineEndings("\n"), outliers.Stdout);
    }

    [Fact]
    public void Weeks_as_a_table_states_the_mean_and_band_and_marks_the_outliers()
    {
        IngestSample();

        var table = CliRunner.Run(folder, "weeks");

        Assert.Equal(0, table.ExitCode);
        // 16 votes in 9 weeks.
        Assert.StartsWith("Mean 1.78 votes a week; band 0.8x to 1.2x the mean: 1.42 to 2.13 votes", table.Stdout);
        Assert.Equal(6, table.Stdout.Split('\n').Count(l => l.TrimStart().StartsWith("2022") && l.TrimEnd().EndsWith("outlier")));
        Assert.EndsWith("9 weeks with votes, 6 outliers\n", table.Stdout);
    }

    [Theory]
    [InlineData("weeks")]
    [InlineData("weeks", "-f", "json")]
    public void Weeks_without_a_warehouse_is_a_one_line_error_and_creates_none(params string[] args)
    {
        var result = CliRunner.Run(folder, args);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches("^votes: no warehouse at .*warehouse.db: ingest a file first, or name another with --warehouse\n$", result.Stderr);
        Assert.False(File.Exists(Path.Combine(folder, "warehouse.db")));
    }

    [Theory]
    [InlineData("chart.svg", "<svg ")]
    [InlineData("chart.HTML", "<!DOCTYPE html>")]
    public void Chart_writes_the_image_or_the_page_by_the_file_extension(string file, string start)
    {
        IngestSample();

        var result = CliRunner.Run(folder, "chart", "-o", file);

        Assert.Equal((0, $"{file}: 9 weeks with votes, 6 outliers, mean 1.78 votes a week\n", ""), (result.ExitCode, result.Stdout, result.Stderr));
        var written = File.ReadAllText(Path.Combine(folder, file));
        Assert.StartsWith(start, written);
        Assert.Equal(9, System.Text.RegularExpressions.Regex.Count(written, "class=\"week[ \"]"));
    }

    [Fact]
    public void Chart_draws_votes_of_the_first_and_the_last_year_a_timestamp_can_have()
    {
        var file = Path.Combine(folder, "ends.jsonl");
        File.WriteAllText(file, """
            {"Id":"1","PostId":"1","VoteTypeId":"2","CreationDate":"0001-01-01T00:00:00"}
            {"Id":"2","PostId":"1","VoteTypeId":"2","CreationDate":"9999-12-31T23:59:59.999999"}

            """);
        Assert.Equal(0, CliRunner.Run(folder, "ingest", file).ExitCode);

        var result = CliRunner.Run(folder, "chart", "-o", "chart.svg");

        Assert.Equal((0, "chart.svg: 2 weeks with votes, 0 outliers, mean 1.00 votes a week\n", ""), (result.ExitCode, result.Stdout, result.Stderr));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(File.ReadAllText(Path.Combine(folder, "chart.svg")), "class=\"week[ \"]"));
    }

    [Theory]
    [InlineData("chart", "-o", "chart.png")]
    [InlineData("chart", "-o", "chart")]
    [InlineData("chart")]
    public void Chart_to_a_file_that_is_not_svg_or_html_is_a_one_line_error_with_exit_code_2(params string[] args)
    {
        IngestSample();

        var result = CliRunner.Run(folder, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("votes: ", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(["warehouse.db"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Chart_without_a_warehouse_is_a_one_line_error_and_writes_nothing()
    {
        var result = CliRunner.Run(folder, "chart", "-o", "chart.svg");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("votes: no warehouse at ", result.Stderr);
        Assert.Empty(Directory.GetFiles(folder));
    }
}
