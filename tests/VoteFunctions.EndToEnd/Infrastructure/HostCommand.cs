namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>
/// The command that starts a Functions host for a published app: FUNCTIONS_HOST_START, run as
/// <c>COMMAND SCRIPT_ROOT PORT</c>, in the foreground, ready when /admin/host/status says Running.
/// </summary>
internal static class HostCommand
{
    public const string Variable = "FUNCTIONS_HOST_START";

    private const string HowToGetOne =
        "it names the command that starts a Functions host for SCRIPT_ROOT PORT: scripts/func-host.sh (with Azure Functions Core Tools v4 on PATH) " +
        "or a prebuilt host's start-host.sh (CI: ../shared/functions-host/start-host.sh), e.g. FUNCTIONS_HOST_START=scripts/func-host.sh dotnet test tests/VoteFunctions.EndToEnd";

    private static readonly Lazy<string> Resolved = new(Resolve);

    /// <summary>The command's full path; throws at once, with one line saying how to get a host, when there is none.</summary>
    public static string Path => Resolved.Value;

    private static string Resolve()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value))
            throw new HostNotConfiguredException($"{Variable} is not set: {HowToGetOne}");
        // A relative path is taken from the repository root, where .ci/run and the README run things.
        var path = System.IO.Path.IsPathRooted(value) ? value : Repository.PathOf(value);
        if (!File.Exists(path))
            throw new HostNotConfiguredException($"{Variable} is '{value}', which is not a file: {HowToGetOne}");
        return path;
    }
}

/// <summary>No Functions host to run the suite on: the message is the one line that says what to do.</summary>
internal sealed class HostNotConfiguredException(string message) : Exception(message)
{
    // The message is the whole story; a stack trace would only hide it.
    public override string? StackTrace => null;
}
