using System.Diagnostics;

namespace VoteFunctions.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless: opens a page (a URL, or an HTML or SVG file) as a person's browser
/// would, and returns what it showed: the screenshot, the DOM after loading, and what the page
/// wrote to its console. Installs Chromium when it is missing and the tests run as root (CI, and
/// the machines here); otherwise fails with one line that says how to install it.
/// </summary>
public static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly Lazy<string?> Installation = new(Install);

    /// <summary>Loads the page in a window of the given size and returns what it showed.</summary>
    public static RenderedPage Open(string urlOrFile, int width = 1200, int height = 800)
    {
        EnsureInstalled();
        var url = urlOrFile.Contains("://", StringComparison.Ordinal) ? urlOrFile : new Uri(Path.GetFullPath(urlOrFile)).AbsoluteUri;
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        try
        {
            var screenshot = Path.Combine(profile.FullName, "screenshot.png");
            var run = Run(Executable, TimeSpan.FromMinutes(2),
            [
                // As root there is no sandbox; the rest keeps Chromium off the network it would
                // otherwise call at start (updates, sync, QUIC probes) on a closed machine.
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", $"--user-data-dir={profile.FullName}",
                // The console messages go to stderr as INFO:CONSOLE lines.
                "--enable-logging=stderr", "--v=0",
                $"--window-size={width},{height}", $"--screenshot={screenshot}", "--dump-dom", url,
            ]);
            if (!File.Exists(screenshot))
                throw new InvalidOperationException($"chromium wrote no screenshot of {url} (exit {run.ExitCode}): {LastLines(run.Stderr)}");
            var console = run.Stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf("] ", StringComparison.Ordinal) + 2)..].Trim()).ToList();
            return new RenderedPage(url, Screenshot.FromPng(screenshot), run.Stdout, console);
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Installs Chromium once per test run if it is missing; throws a one-line explanation when it cannot.</summary>
    public static void EnsureInstalled()
    {
        if (Installation.Value is { } problem) throw new InvalidOperationException(problem);
    }

    private static string? Install()
    {
        if (File.Exists(Executable)) return null;
        const string How = "install it with: sudo apt-get install -y chromium";
        if (!Environment.IsPrivilegedProcess) return $"{Executable} is missing and the tests do not run as root: {How}";
        // A fresh machine may have no package lists yet: update and try again once.
        var install = AptGet("install", "-y", "-qq", "chromium");
        if (install.ExitCode != 0 && AptGet("update", "-qq").ExitCode == 0) install = AptGet("install", "-y", "-qq", "chromium");
        return install.ExitCode == 0 && File.Exists(Executable)
            ? null
            : $"{Executable} is missing and apt-get could not install it (exit {install.ExitCode}: {LastLines(install.Stderr)}); {How}";
    }

    private static (int ExitCode, string Stdout, string Stderr) AptGet(params string[] args) =>
        Run("apt-get", TimeSpan.FromMinutes(10), args, ("DEBIAN_FRONTEND", "noninteractive"));

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, TimeSpan timeout, string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {timeout.TotalMinutes} minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string LastLines(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}
