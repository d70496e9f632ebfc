
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
}
