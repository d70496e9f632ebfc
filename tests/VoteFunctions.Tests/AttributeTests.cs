using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace VoteFunctions.Tests;

/// <summary>The trigger wiring the Functions host reads: attributes, settings and the generated metadata.</summary>
public class AttributeTests
{
    private static readonly Dictionary<string, string> SampleSettings = JsonDocument
        .Parse(File.ReadAllText(Path.Combine(AzuriteFixture.RepositoryRoot(), "local.settings.sample.json")))
        .RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static readonly Type[] Functions =
    [
        typeof(IngestVotes), typeof(GetOutlierWeeks), typeof(GetWeeks), typeof(GetChart), typeof(GetFiles), typeof(GetRejects), typeof(GetStatus),
        typeof(GetOverview), typeof(NightlyRefresh), typeof(CatchUpMissedBlobs),
    ];

    private static T ParameterAttribute<T>(Type function, string parameter) where T : Attribute =>
        function.GetMethod("Run")!.GetParameters().Single(p => p.Name == parameter).GetCustomAttribute<T>()!;

    private static string Resolve(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, "%([^%]+)%", m => SampleSettings.TryGetValue(m.Groups[1].Value, out var v) ? v : throw new KeyNotFoundException($"setting {m.Groups[1].Value} is not in local.settings.sample.json"));

    [Fact]
    public void Each_function_is_named_after_its_class()
    {
        foreach (var type in Functions)
            Assert.Equal(type.Name, type.GetMethod("Run")!.GetCustomAttribute<FunctionAttribute>()!.Name);
    }

    [Fact]
    public void The_blob_trigger_watches_the_votes_container_named_by_a_setting_through_a_connection_setting()
    {
        var trigger = ParameterAttribute<BlobTriggerAttribute>(typeof(IngestVotes), "blob");

        Assert.Equal("%VotesContainer%/{name}", trigger.BlobPath);
        Assert.Equal("VotesStorage", trigger.Connection);
        Assert.Equal("votes/{name}", Resolve(trigger.BlobPath));
        Assert.Equal("UseDevelopmentStorage=true", SampleSettings[trigger.Connection!]);
    }

    [Fact]
    public void The_http_trigger_is_a_get_on_outlier_weeks_with_function_level_auth()
    {
        var trigger = ParameterAttribute<HttpTriggerAttribute>(typeof(GetOutlierWeeks), "request");

        Assert.Equal(["get"], trigger.Methods!);
        Assert.Equal("outlier-weeks", trigger.Route);
        Assert.Equal(AuthorizationLevel.Function, trigger.AuthLevel);
    }

    [Theory]
    [InlineData(typeof(GetWeeks), "weeks")]
    [InlineData(typeof(GetChart), "chart")]
    [InlineData(typeof(GetFiles), "files")]
    [InlineData(typeof(GetRejects), "rejects")]
    [InlineData(typeof(GetStatus), "status")]
    [InlineData(typeof(GetOverview), "overview")]
    public void The_other_http_triggers_are_gets_with_the_same_auth_level_as_outlier_weeks(Type function, string route)
    {
        var trigger = ParameterAttribute<HttpTriggerAttribute>(function, "request");

        Assert.Equal(["get"], trigger.Methods!);
        Assert.Equal(route, trigger.Route);
        Assert.Equal(ParameterAttribute<HttpTriggerAttribute>(typeof(GetOutlierWeeks), "request").AuthLevel, trigger.AuthLevel);
    }

    [Fact]
    public void The_timer_schedule_comes_from_a_setting_and_is_a_six_field_ncrontab_at_two_every_night()
    {
        var trigger = ParameterAttribute<TimerTriggerAttribute>(typeof(NightlyRefresh), "timer");
        var listing = ParameterAttribute<BlobInputAttribute>(typeof(NightlyRefresh), "container");

        Assert.Equal("%NightlyRefreshSchedule%", trigger.Schedule);
        var schedule = CrontabSchedule.Parse(Resolve(trigger.Schedule), new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        Assert.Equal(new DateTime(2026, 11, 26, 2, 0, 0), schedule.GetNextOccurrence(new DateTime(2026, 11, 25, 2, 0, 1)));
        Assert.Equal(("%VotesContainer%", "VotesStorage"), (listing.BlobPath, listing.Connection));
    }

    [Fact]
    public void The_catch_up_schedule_comes_from_a_setting_and_runs_every_five_minutes_on_the_votes_container()
    {
        var trigger = ParameterAttribute<TimerTriggerAttribute>(typeof(CatchUpMissedBlobs), "timer");
        var listing = ParameterAttribute<BlobInputAttribute>(typeof(CatchUpMissedBlobs), "container");

        Assert.Equal("%CatchUpSchedule%", trigger.Schedule);
        var schedule = CrontabSchedule.Parse(Resolve(trigger.Schedule), new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        Assert.Equal(new DateTime(2026, 11, 25, 2, 5, 0), schedule.GetNextOccurrence(new DateTime(2026, 11, 25, 2, 0, 1)));
        Assert.Equal(("%VotesContainer%", "VotesStorage"), (listing.BlobPath, listing.Connection));
    }

    [Fact]
    public void Every_setting_the_app_reads_is_in_the_sample_settings()
    {
        var referenced = Functions
            .SelectMany(t => t.GetMethod("Run")!.GetParameters())
            .SelectMany(p => p.GetCustomAttributes())
            .SelectMany(a => a.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)).Select(p => (string?)p.GetValue(a) ?? ""))
            .SelectMany(v => System.Text.RegularExpressions.Regex.Matches(v, "%([^%]+)%").Select(m => m.Groups[1].Value))
            .Append("VotesStorage").Append("WarehousePath").Append("WarehouseMemoryLimit").Append("AzureWebJobsStorage").Append("FUNCTIONS_WORKER_RUNTIME")
            .Distinct();

        Assert.All(referenced, setting => Assert.True(SampleSettings.ContainsKey(setting), $"{setting} is missing from local.settings.sample.json"));
        Assert.Equal("dotnet-isolated", SampleSettings["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Theory]
    [InlineData(typeof(GetStatus))]
    [InlineData(typeof(GetOverview))]
    public void The_status_and_overview_list_the_votes_container_the_catch_up_lists(Type function)
    {
        var listing = ParameterAttribute<BlobInputAttribute>(function, "container");

        Assert.Equal(("%VotesContainer%", "VotesStorage"), (listing.BlobPath, listing.Connection));
    }

    [Fact]
    public void The_build_generates_functions_metadata_for_the_ten_functions()
    {
        var output = Path.GetDirectoryName(typeof(IngestVotes).Assembly.Location)!;
        var configuration = new DirectoryInfo(output).Parent!.Name; // …/bin/<Configuration>/net10.0
        var metadata = Path.Combine(AzuriteFixture.RepositoryRoot(), "src", "VoteFunctions", "bin", configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(metadata), $"{metadata} was not generated");

        var functions = JsonDocument.Parse(File.ReadAllText(metadata)).RootElement.EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("bindings").EnumerateArray().First().GetProperty("type").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["GetOutlierWeeks"] = "httpTrigger", ["GetWeeks"] = "httpTrigger", ["GetChart"] = "httpTrigger", ["GetFiles"] = "httpTrigger",
            ["GetRejects"] = "httpTrigger", ["GetStatus"] = "httpTrigger", ["GetOverview"] = "httpTrigger",
            ["IngestVotes"] = "blobTrigger", ["NightlyRefresh"] = "timerTrigger", ["CatchUpMissedBlobs"] = "timerTrigger",
        }, functions);
    }
}
