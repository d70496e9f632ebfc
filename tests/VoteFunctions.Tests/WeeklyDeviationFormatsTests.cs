
namespace VoteFunctions.Tests;

public class WeeklyDeviationFormatsTests
{
    private static readonly WeekDeviation[] Weeks =
    [
        new(2021, 52, 3, 4.0, 0.25, true),
        new(2022, 1, 4, 4.0, 0.0, false),
        new(2022, 2, 5, 4.0, 0.25, true),
    ];

    [Fact]
    public void Csv_is_exactly_the_six_column_header_and_a_line_per_week()
    {
        Assert.Equal(
            "Year,WeekNumber,VoteCount,MeanVotes,Deviation,IsOutlier\n" +
            "2021,52,3,4,0.25,true\n2022,1,4,4,0,false\n2022,2,5,4,0.25,true\n",
            WeeklyDeviationFormats.ToCsv(Weeks));
    }

    [Fact]
    public void Csv_doubles_round_trip_exactly()
    {
        var mean = 16 / 9.0;
        var csv = WeeklyDeviationFormats.ToCsv([new WeekDeviation(2022, 0, 1, mean, Math.Abs(1 - 1 / mean), true)]);

        var fields = csv.Split('\n')[1].Split(',');
        Assert.Equal(mean, double.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Math.Abs(1 - 1 / mean), double.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Json_is_a_camel_case_array_that_ends_with_a_newline()
    {
        Assert.Equal(
            """[{"year":2021,"weekNumber":52,"voteCount":3,"meanVotes":4,"deviation":0.25,"isOutlier":true},""" +
            """{"year":2022,"weekNumber":1,"voteCount":4,"meanVotes":4,"deviation":0,"isOutlier":false},""" +
            """{"year":2022,"weekNumber":2,"voteCount":5,"meanVotes":4,"deviation":0.25,"isOutlier":true}]""" + "\n",
            WeeklyDeviationFormats.ToJson(Weeks));
        Assert.Equal("[]\n", WeeklyDeviationFormats.ToJson([]));
    }

    [Fact]
    public void The_table_states_the_mean_and_the_band_then_marks_each_outlier()
    {
        var lines = WeeklyDeviationFormats.ToTable(Weeks).Split('\n');

        Assert.Equal("Mean 4.00 votes a week; band 0.8x to 1.2x the mean: 3.20 to 4.80 votes; a week outside it is an outlier", lines[0]);
        Assert.Equal("Year  WeekNumber  VoteCount  vs mean  Outlier", lines[2]);
        Assert.Equal("2021          52          3   -25.0%  outlier", lines[4]);
        Assert.Equal("2022           1          4     0.0%", lines[5]);
        Assert.Equal("2022           2          5   +25.0%  outlier", lines[6]);
        Assert.Equal("3 weeks with votes, 2 outliers", lines[7]);
    }

    [Fact]
    public void The_table_of_an_empty_warehouse_says_there_are_no_weeks()
    {
        Assert.Equal("No weeks with votes (the warehouse has no votes).\n", WeeklyDeviationFormats.ToTable([]));
    }

    [Fact]
    public void An_unknown_format_names_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => WeeklyDeviationFormats.Format(Weeks, "xml"));
        Assert.StartsWith("unknown format 'xml': use one of table, csv, json", error.Message);
    }
}
