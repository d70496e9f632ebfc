using System.Diagnostics;

namespace VoteFunctions.Core.Ingest;

/// <summary>
/// The steps of an ingest as System.Diagnostics activities of the source "VoteFunctions.Ingest"
/// (recognise, read, load, classify, read back, merge), free when nothing listens: the benchmark
/// listens to say where the time goes, and a host can export them like any other trace.
/// </summary>
internal static class IngestTelemetry
{
    public static readonly ActivitySource Source = new("VoteFunctions.Ingest");

    public static T Step<T>(string name, Func<T> work)
    {
        using var activity = Source.StartActivity(name);
        return work();
    }

    public static void Step(string name, Action work) => Step(name, () => { work(); return 0; });
}
