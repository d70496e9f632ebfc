using System.Globalization;
using CsCheck;

namespace VoteFunctions.Tests.Model;

/// <summary>
/// The warehouse is held to a reference model of the contract (<see cref="ContractModel"/>) on
/// generated ingests (<see cref="ScenarioGen"/>): each file's outcome, and after the last step the
/// votes, the ledger, the kept rejected lines, the redeliveries, the weekly counts and the outlier
/// weeks must equal the model's (all but the last two only grow, so a difference stays seen). A failure prints CsCheck's seed and the shrunk scenario; set
/// CsCheck_Seed to replay it. `dotnet test` runs a fixed budget; VOTES_MODEL_CASES=20000 is the soak.
/// </summary>
public sealed class ContractPropertyTests
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("VOTES_MODEL_CASES"), out var cases) ? cases : 200;

    /// <summary>Half the cases with the line check's fast path for canonical lines, half without: the warehouse must not tell.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_warehouse_equals_the_model_of_the_contract_after_every_generated_ingest(bool canonicalFastPath) =>
        ScenarioGen.Scenarios.Sample(scenario => Check(scenario, canonicalFastPath).GetAwaiter().GetResult(),
            iter: Cases / 2, print: ScenarioGen.Describe);

    private static async Task Check(Scenario scenario, bool canonicalFastPath)
    {
        using var test = new TestWarehouse(new WarehouseOptions { CanonicalFastPath = canonicalFastPath });
        var model = new ContractModel();
        var fileNumber = 0;
        foreach (var step in scenario.Steps)
        {
            var files = step.Select(ScenarioGen.ToModel).ToList();
            // Each file in a folder of its own: the same name can come twice in a step.
            var inputs = files.Select(file =>
            {
                var folder = Directory.CreateDirectory(Path.Combine(test.Folder, $"{fileNumber++}")).FullName;
                return InputFile.Inspect(test.WriteFile(Path.Combine(folder, file.Name), file.Stored));
            }).ToList();
            var results = test.Warehouse.IngestFiles(inputs);
            foreach (var (file, result) in files.Zip(results))
                AssertSameOutcome(model.Ingest(file), result);
            await Task.WhenAll(results.Select(r => r.ContinueWith(_ => { })));
        }
        AssertSameState(model, test);
    }

    private static void AssertSameOutcome(ModelOutcome expected, Task<IngestResult> actual)
    {
        try { actual.Wait(); } catch (AggregateException) { }
        switch (expected)
        {
            case ModelOutcome.Refused:
                var error = Assert.IsType<WarehouseException>(actual.Exception?.InnerException);
                Assert.Contains(expected.FileName, error.Message);
                Assert.Contains("gzip", error.Message);
                Assert.DoesNotContain('\n', error.Message);
                break;
            case ModelOutcome.AlreadyIngested(var name, var earlier):
                Assert.Null(actual.Exception);
                Assert.Equal((name, earlier.FileName, earlier.LinesRead, 0L, 0L, 0L),
                    (actual.Result.FileName, actual.Result.AlreadyIngestedAs?.FileName, actual.Result.LinesRead, actual.Result.Inserted, actual.Result.Duplicates, actual.Result.Rejected));
                break;
            case ModelOutcome.Ingested(_, var row):
                Assert.Null(actual.Exception);
                Assert.False(actual.Result.AlreadyIngested);
                Assert.Equal((row.FileName, row.Sha256, row.SizeBytes, row.LinesRead, row.Inserted, row.Duplicates, row.Rejected),
                    (actual.Result.FileName, actual.Result.Sha256, actual.Result.SizeBytes, actual.Result.LinesRead, actual.Result.Inserted, actual.Result.Duplicates, actual.Result.Rejected));
                break;
        }
    }

    private static void AssertSameState(ContractModel model, TestWarehouse test)
    {
        Same("ledger",
            model.Ledger.Select(r => Row(r.FileId, r.FileName, r.SizeBytes, r.Sha256, r.LinesRead, r.Inserted, r.Duplicates, r.Rejected)),
            test.Query("SELECT FileId, FileName, SizeBytes, Sha256, LinesRead, Inserted, Duplicates, Rejected FROM blog_analysis.ingested_files ORDER BY FileId").Select(Row));
        Same("votes",
            model.Votes.OrderBy(v => v.Vote.Id).Select(v => Row(v.Vote.Id, v.Vote.PostId, v.Vote.VoteTypeId, v.Vote.CreationDateMicroseconds, v.Vote.UserId, v.Vote.BountyAmount, v.FileId)),
            test.Query("SELECT Id, PostId, VoteTypeId, epoch_us(CreationDate), UserId, BountyAmount, FileId FROM blog_analysis.votes ORDER BY Id").Select(Row));
        Same("rejected lines",
            model.Rejected.OrderBy(r => r.FileId).ThenBy(r => r.LineNumber).Select(r => Row(r.FileId, r.LineNumber, r.RawText, r.Reason)),
            test.Query("SELECT FileId, LineNumber, RawText, Reason FROM blog_analysis.rejected_lines ORDER BY FileId, LineNumber")
                .Select(r => Row(r[0], r[1], r[2], ReasonKind(r[3]))));
        Same("redelivered files",
            model.Redelivered.Select(r => Row(r.FileName, r.SizeBytes, r.Sha256)).Order(StringComparer.Ordinal),
            test.Query("SELECT FileName, SizeBytes, Sha256 FROM blog_analysis.redelivered_files").Select(Row).Order(StringComparer.Ordinal));
        Same("weekly counts",
            model.Weeks().Select(w => Row(w.Year, w.WeekNumber, w.VoteCount)),
            test.Query("SELECT Year, WeekNumber, VoteCount FROM blog_analysis.weekly_vote_counts ORDER BY Year, WeekNumber").Select(Row));
        Same("outlier weeks",
            model.OutlierWeeks().Select(w => Row(w.Year, w.WeekNumber, w.VoteCount)),
            test.Warehouse.RefreshOutlierWeeks().Select(w => Row(w.Year, w.WeekNumber, w.VoteCount)));
        var outliers = model.OutlierWeeks().Select(w => (w.Year, w.WeekNumber)).ToHashSet();
        Same("weekly deviation",
            model.Weeks().Select(w => Row(w.Year, w.WeekNumber, w.VoteCount, outliers.Contains((w.Year, w.WeekNumber)))),
            test.Warehouse.ReadWeeklyDeviation().Select(w => Row(w.Year, w.WeekNumber, w.VoteCount, w.IsOutlier)));
    }

    /// <summary>The rows must be equal; else the first that differs, whole and escaped, says why.</summary>
    private static void Same(string what, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        List<string> model = expected.ToList(), warehouse = actual.ToList();
        for (var i = 0; i < Math.Max(model.Count, warehouse.Count); i++)
        {
            var (want, got) = (model.ElementAtOrDefault(i), warehouse.ElementAtOrDefault(i));
            if (want != got)
                throw new Xunit.Sdk.XunitException($"{what} differ at row {i + 1} of {model.Count} (model) and {warehouse.Count} (warehouse):\n  model:     {Shown(want)}\n  warehouse: {Shown(got)}");
        }
    }

    private static string Shown(string? row) => row is null ? "(none)"
        : string.Concat(row.Select(c => c < ' ' ? $"\\u{(int)c:x4}" : c.ToString()));

    private static readonly string[] VoteFields = ["Id", "PostId", "VoteTypeId", "CreationDate", "UserId", "BountyAmount"];

    /// <summary>The warehouse's reason as the model states it: conflicts exactly, the line check's by kind (and the fields at fault).</summary>
    private static string ReasonKind(string reason) => reason switch
    {
        _ when reason.StartsWith("Id ") && reason.Contains(" content") => reason,
        "blank line" => $"{RejectionKind.Blank}:",
        "line is not valid UTF-8 text" => $"{RejectionKind.NotUtf8}:",
        _ when reason.StartsWith("line is longer than") => $"{RejectionKind.TooLong}:",
        _ when reason.StartsWith("line ") => $"{RejectionKind.Malformed}:",
        _ => $"{RejectionKind.Fields}:" + string.Join(",", reason.Split("; ").Select(part => part.Split(' ')[0]).Where(VoteFields.Contains).Distinct().Order()),
    };

    private static string Row(params object?[] values) =>
        string.Join("|", values.Select(v => v is null ? "NULL" : Convert.ToString(v, CultureInfo.InvariantCulture)));
}
