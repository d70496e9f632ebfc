using System.Diagnostics;

namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>
/// The Functions app published once per test run (<c>dotnet publish -c Release</c> into a
/// folder of the run), as it would be deployed; every host in the run serves this folder.
/// </summary>
internal static class PublishedApp
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>The publish folder (SCRIPT_ROOT for a host).</summary>
    public static Task<string> FolderAsync() => Published.Value;

    private static async Task<string> PublishAsync()
    {
        var folder = RunFolders.Create("published-app");

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root };
        foreach (var arg in new[] { "publish", Repository.PathOf("src/VoteFunctions/VoteFunctions.csproj"), "-c", "Release", "-o", folder, "-nologo" })
            start.ArgumentList.Add(arg);
        using var publish = ChildProcess.Start("dotnet publish", start);
        if (!await publish.WaitForExitAsync(Deadline))
            throw new TimeoutException($"dotnet publish did not finish within {Deadline.TotalMinutes} minutes:\n{publish.Tail(30)}");
        if (publish.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish of the app failed (exit {publish.ExitCode}):\n{publish.Tail(30)}");
        return folder;
    }
}
