using System.Numerics;
using CsCheck;

namespace VoteFunctions.Tests;

public class OutlierRuleTests
{
    /// <summary>Ingests the given number of votes in each week of 2022 (week 1 starts Monday 2022-01-03).</summary>
    private static async Task<IReadOnlyList<OutlierWeek>> OutliersOf(Dictionary<int, int> votesPerWeek)
    {
        using var test = new TestWarehouse();
        await test.IngestText("weeks.jsonl", TestWarehouse.VotesPerWeekOf2022(votesPerWeek));
        return test.Warehouse.RefreshOutlierWeeks();
    }

    [Fact]
    public async Task Counts_exactly_20_percent_from_the_mean_are_not_outliers_in_floating_point()
    {
        // Mean 10: |1 - 8/10| and |1 - 12/10| are 0.19999999999999996 in doubles, not above 0.2.
        var outliers = await OutliersOf(new() { [1] = 8, [2] = 12, [3] = 10, [4] = 10 });
        Assert.Empty(outliers);
    }

    [Fact]
    public async Task A_count_exactly_20_percent_above_a_mean_that_doubles_cannot_hold_is_not_an_outlier()
    {
        // Mean 55/3: 22 is exactly 1.2 times it, but |1 - 22 / (55/3)| is 0.20000000000000018 in
        // doubles; 15 is 18% below.
        using var test = new TestWarehouse();
        await test.IngestText("weeks.jsonl", TestWarehouse.VotesPerWeekOf2022(new Dictionary<int, int> { [1] = 22, [2] = 18, [3] = 15 }));

        Assert.Empty(test.Warehouse.RefreshOutlierWeeks());
        var week = test.Warehouse.ReadWeeklyDeviation().Single(w => w.WeekNumber == 1);
        Assert.False(week.IsOutlier);
        Assert.Equal(0.2, week.Deviation);
    }

    /// <summary>
    /// Weekly counts with one week exactly 20% above or below the mean (5·x·weeks = 6 or 4 times the
    /// total), the rest a random split of the remainder: where doubles err, when the mean is not a
    /// binary fraction (a third, a fifth).
    /// </summary>
    private static readonly Gen<int[]> CountsOnTheBoundary = Gen.Select(Gen.Int[2, 8], Gen.Int[1, 40], Gen.Bool, Gen.Int[0, int.MaxValue], (weeks, scale, above, seed) =>
    {
        var x = above ? scale * (6 / (int)BigInteger.GreatestCommonDivisor(5 * weeks, 6)) : scale * (4 / (int)BigInteger.GreatestCommonDivisor(5 * weeks, 4));
        var total = above ? 5 * x * weeks / 6 : 5 * x * weeks / 4;
        var random = new Random(seed);
        var rest = total - x;
        if (rest < weeks - 1) return [x];
        var cuts = Enumerable.Range(1, rest - 1).OrderBy(_ => random.Next()).Take(weeks - 2).Order().Append(rest).Prepend(0).ToList();
        return cuts.Zip(cuts.Skip(1), (from, to) => to - from).Append(x).OrderBy(_ => random.Next()).ToArray();
    });

    /// <summary>The view marks the weeks the exact rule marks, 5·|x·weeks - total| > total, whatever the weekly counts.</summary>
    [Fact]
    public void The_outlier_weeks_are_those_of_the_exact_rule_for_any_weekly_counts()
    {
        using var test = new TestWarehouse();
        Gen.Frequency((3, CountsOnTheBoundary), (1, Gen.Int[1, 30].Array[1, 8])).Sample(counts =>
        {
            test.Query("DELETE FROM blog_analysis.weekly_vote_counts");
            test.Query($"INSERT INTO blog_analysis.weekly_vote_counts SELECT 2022, generate_subscripts(c, 1), unnest(c) FROM (SELECT [{string.Join(",", counts)}] AS c)");
            long total = counts.Sum(), weeks = counts.Length;
            var expected = counts.Select((count, i) => (Week: i + 1, Outlier: 5 * Math.Abs(count * weeks - total) > total)).ToList();

            Assert.Equal(expected.Where(w => w.Outlier).Select(w => w.Week), test.Warehouse.RefreshOutlierWeeks().Select(w => w.WeekNumber));
            Assert.Equal(expected.Select(w => w.Outlier), test.Warehouse.ReadWeeklyDeviation().Select(w => w.IsOutlier));
        }, iter: 400, threads: 1, print: counts => string.Join(",", counts));
    }

    [Fact]
    public async Task Counts_just_beyond_20_percent_are_outliers()
    {
        // Mean 10 again: 7 and 13 are 30% away.
        var outliers = await OutliersOf(new() { [1] = 7, [2] = 13, [3] = 10, [4] = 10 });
        Assert.Equal([new OutlierWeek(2022, 1, 7), new OutlierWeek(2022, 2, 13)], outliers);
    }

    [Fact]
    public async Task The_ratio_is_not_integer_division()
    {
        // Mean 3: integer division would make 4/3 = 1 and hide both weeks of 4 (33% above the mean).
        var outliers = await OutliersOf(new() { [1] = 1, [2] = 4, [3] = 4 });
        Assert.Equal([new OutlierWeek(2022, 1, 1), new OutlierWeek(2022, 2, 4), new OutlierWeek(2022, 3, 4)], outliers);
    }

    [Fact]
    public async Task The_mean_is_over_weeks_with_votes_only_not_the_empty_weeks_between_them()
    {
        // Present weeks 1, 2, 3 and 10 with 10, 10, 10, 14 votes: mean 11, so only 14 (27% above) is an outlier.
        // Counting the six empty weeks in between as zeros would give a mean of 4.4 and make every week an outlier.
        var outliers = await OutliersOf(new() { [1] = 10, [2] = 10, [3] = 10, [10] = 14 });
        Assert.Equal([new OutlierWeek(2022, 10, 14)], outliers);
    }

    [Fact]
    public async Task Weeks_are_sorted_by_year_then_week()
    {
        using var test = new TestWarehouse();
        await test.IngestText("years.jsonl", TestWarehouse.Lines(
            TestWarehouse.Vote(1, "2021-06-01T00:00:00"),
            TestWarehouse.Vote(2, "2020-03-01T00:00:00"), TestWarehouse.Vote(3, "2020-03-01T01:00:00"),
            TestWarehouse.Vote(4, "2020-03-01T02:00:00"), TestWarehouse.Vote(5, "2020-03-01T03:00:00"),
            TestWarehouse.Vote(6, "2020-01-20T00:00:00")));
        var outliers = test.Warehouse.RefreshOutlierWeeks();
        Assert.Equal(outliers.OrderBy(w => w.Year).ThenBy(w => w.WeekNumber), outliers);
        Assert.Equal(3, outliers.Count);
    }

    [Fact]
    public void An_empty_warehouse_has_no_outlier_weeks()
    {
        using var test = new TestWarehouse();
        Assert.Empty(test.Warehouse.RefreshOutlierWeeks());
    }
}
