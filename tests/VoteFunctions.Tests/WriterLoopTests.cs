using CsCheck;
using VoteFunctions.Tests.Model;

namespace VoteFunctions.Tests;

/// <summary>
/// The ingest writer answers every request exactly once, whoever cancels and when: a request's
/// own failure reaches its caller even while a batch-mate cancels, and the files that were not
/// cancelled end in the warehouse exactly as the model of the contract says.
/// </summary>
public sealed class WriterLoopTests
{
    [Fact]
    public async Task A_batch_mate_of_a_cancelling_caller_gets_its_own_failure_not_a_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        using var test = new TestWarehouse();
        var gone = InputFile.Inspect(test.WriteFile("gone.jsonl", TestWarehouse.Votes(1, 10, new DateTime(2022, 1, 3), TimeSpan.FromHours(1))));
        var mine = InputFile.Inspect(test.WriteFile("mine.jsonl", TestWarehouse.Votes(11, 200_000, new DateTime(2022, 1, 3), TimeSpan.FromSeconds(1))));
        File.Delete(gone.Path);
        var cancelWhenRead = new InlineProgress<IngestProgress>(p => { if (p.FileName == "mine.jsonl" && p.Done > 0) cancel.Cancel(); });

        var theirs = test.Warehouse.IngestFiles([gone]);
        var ours = test.Warehouse.IngestFiles([mine], cancelWhenRead, cancel.Token);

        var error = await Assert.ThrowsAsync<WarehouseException>(() => theirs[0]);
        Assert.StartsWith("cannot ingest gone.jsonl: ", error.Message);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ours[0]);
        Assert.Equal(0, test.VoteCount);
    }

    /// <summary>When a file's caller cancels, if at all: before it is queued, as its lines are read, as they are classified, as they are committed, just before the commit.</summary>
    private enum CancelAt { Never, Queued, Reading, Classifying, Committing, BeforeCommit }

    private static readonly Gen<(Scenario Scenario, CancelAt[] CancelAt)> ScenariosWithCancellations = ScenarioGen.Scenarios.SelectMany(scenario =>
        Gen.Frequency((5, Gen.Const(CancelAt.Never)), (1, Gen.Enum<CancelAt>())).Array[scenario.Steps.Sum(step => step.Length)]
            .Select(cancelAt => (scenario, cancelAt)));

    /// <summary>
    /// Every file of a scenario queued at once, each with its own caller, some of whom cancel at a
    /// random point: every request ends (none is left waiting, none answered twice), a cancelled one
    /// as cancelled, and the rest are stored as the model stores them, in queue order.
    /// </summary>
    [Fact]
    public void Under_random_cancellations_every_request_is_answered_once_and_the_rest_equal_the_model() =>
        ScenariosWithCancellations.Sample(c => Check(c.Scenario, c.CancelAt).GetAwaiter().GetResult(), iter: 40,
            print: c => ScenarioGen.Describe(c.Scenario) + "\ncancel at: " + string.Join(",", c.CancelAt));

    private static async Task Check(Scenario scenario, CancelAt[] cancelAt)
    {
        var files = scenario.Steps.SelectMany(step => step).Select(ScenarioGen.ToModel).ToList();
        var callers = files.Select(_ => new CancellationTokenSource()).ToList();
        void CancelIf(int i, CancelAt now) { if (cancelAt[i] == now) callers[i].Cancel(); }
        using var test = new TestWarehouse(new WarehouseOptions
        {
            BeforeCommit = () => { for (var i = 0; i < files.Count; i++) CancelIf(i, CancelAt.BeforeCommit); },
        });
        var outcomes = new List<Task<IngestResult>>();
        for (var i = 0; i < files.Count; i++)
        {
            var index = i;
            var folder = Directory.CreateDirectory(Path.Combine(test.Folder, $"{i}")).FullName;
            var input = InputFile.Inspect(test.WriteFile(Path.Combine(folder, files[i].Name), files[i].Stored));
            CancelIf(i, CancelAt.Queued);
            var progress = new InlineProgress<IngestProgress>(p => CancelIf(index, p.Stage switch
            {
                IngestStage.Reading => CancelAt.Reading,
                IngestStage.Classifying => CancelAt.Classifying,
                _ => CancelAt.Committing,
            }));
            outcomes.AddRange(test.Warehouse.IngestFiles([input], progress, callers[i].Token));
        }

        var ended = Task.WhenAll(outcomes.Select(o => o.ContinueWith(_ => { })));
        Assert.True(await Task.WhenAny(ended, Task.Delay(TimeSpan.FromMinutes(1))) == ended, "every request is answered");

        var model = new ContractModel();
        for (var i = 0; i < files.Count; i++)
        {
            if (outcomes[i].IsCanceled)
            {
                Assert.True(callers[i].IsCancellationRequested, $"file {i} was cancelled by its own caller");
                continue;
            }
            var expected = model.Ingest(files[i]);
            Assert.Equal(expected is ModelOutcome.Refused, outcomes[i].IsFaulted);
            if (outcomes[i].IsCompletedSuccessfully)
                Assert.Equal(expected is ModelOutcome.AlreadyIngested, outcomes[i].Result.AlreadyIngested);
        }
        Assert.Equal(
            model.Ledger.Select(r => $"{r.FileId}|{r.FileName}|{r.Sha256}|{r.LinesRead}|{r.Inserted}|{r.Duplicates}|{r.Rejected}"),
            test.Query("SELECT FileId, FileName, Sha256, LinesRead, Inserted, Duplicates, Rejected FROM blog_analysis.ingested_files ORDER BY FileId").Select(r => string.Join("|", r)));
        Assert.Equal(
            model.Votes.OrderBy(v => v.Vote.Id).Select(v => $"{v.Vote.Id}|{v.Vote.PostId}|{v.FileId}"),
            test.Query("SELECT Id, PostId, FileId FROM blog_analysis.votes ORDER BY Id").Select(r => string.Join("|", r)));
    }
}
