using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>A line a child process wrote, and when the suite read it.</summary>
internal sealed record OutputLine(DateTime At, string Text);

/// <summary>
/// A process the suite started, with its output kept line by line (or, for the CLI, standard
/// output kept as bytes). Stopping it sends SIGTERM and, after a grace period, SIGKILL to it and
/// to every process it started (a host's worker included), so nothing outlives a test even when
/// it fails. Whatever is still running when the test process exits is killed then.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(15);

    private static readonly List<ChildProcess> Started = [];
    private static readonly List<PosixSignalRegistration> SignalHandlers = [];

    static ChildProcess()
    {
        // The last line of defence, for a test run that ends without disposing its fixtures: at
        // a normal exit, and when the test process is told to stop (.NET's default on SIGTERM is
        // to end at once, without ProcessExit handlers).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll(TimeSpan.Zero);
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP })
            SignalHandlers.Add(PosixSignalRegistration.Create(signal, _ => StopAll(TimeSpan.FromSeconds(3))));
    }

    private static void StopAll(TimeSpan grace)
    {
        ChildProcess[] children;
        lock (Started) children = Started.ToArray();
        ProcessTree.Stop(children.Select(child => child.self), children.SelectMany(child => child.Tree()).ToList(), grace);
    }

    private readonly Process process;
    private readonly ProcessTree.Member self;
    private readonly List<OutputLine> output = [];
    private readonly Task<byte[]>? standardOutputBytes;
    private readonly List<ProcessTree.Member> leftBehind = [];
    private readonly TimeSpan gracePeriod;

    public string Name { get; }
    public DateTime StartedAt { get; }

    private ChildProcess(string name, ProcessStartInfo start, bool keepStandardOutputAsBytes, TimeSpan? gracePeriod)
    {
        Name = name;
        this.gracePeriod = gracePeriod ?? DefaultGracePeriod;
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        StartedAt = DateTime.UtcNow;
        process = Process.Start(start) ?? throw new InvalidOperationException($"{name}: could not start {start.FileName}");
        self = ProcessTree.Find(process.Id) ?? new ProcessTree.Member(process.Id, 0);
        lock (Started) Started.Add(this);

        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginErrorReadLine();
        if (keepStandardOutputAsBytes)
            standardOutputBytes = ReadAllBytesAsync(process.StandardOutput.BaseStream);
        else
        {
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
        }
    }

    /// <summary>Starts a process whose output (both streams) is kept as lines.</summary>
    /// <param name="gracePeriod">How long <see cref="Stop()"/> waits after SIGTERM before SIGKILL.</param>
    public static ChildProcess Start(string name, ProcessStartInfo start, TimeSpan? gracePeriod = null) =>
        new(name, start, keepStandardOutputAsBytes: false, gracePeriod);

    /// <summary>Starts a process whose standard output is kept byte for byte (standard error as lines).</summary>
    public static ChildProcess StartKeepingOutputBytes(string name, ProcessStartInfo start) =>
        new(name, start, keepStandardOutputAsBytes: true, gracePeriod: null);

    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    public IReadOnlyList<OutputLine> Output
    {
        get { lock (output) return output.ToArray(); }
    }

    public Task<byte[]> StandardOutputBytes => standardOutputBytes ?? throw new InvalidOperationException($"{Name}: standard output is kept as lines");

    public string Tail(int lines)
    {
        var all = Output;
        var text = new StringBuilder();
        foreach (var line in all.Skip(Math.Max(0, all.Count - lines))) text.AppendLine(line.Text);
        return text.ToString();
    }

    /// <summary>Waits for the process to end; false if it is still running at the deadline.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// SIGKILL to this process alone, as when it crashes: its children are not told. They are
    /// returned (to see what becomes of them) and killed at the latest when this object is disposed.
    /// </summary>
    public IReadOnlyList<ProcessTree.Member> Crash()
    {
        var children = ProcessTree.DescendantsOf(process.Id);
        lock (leftBehind) leftBehind.AddRange(children);
        self.Signal(ProcessTree.SigKill);
        process.WaitForExit(5_000);
        return children;
    }

    /// <summary>SIGTERM, then SIGKILL to whatever of the process and its descendants still runs after the grace period.</summary>
    public void Stop()
    {
        ProcessTree.Stop([self], Tree(), gracePeriod);
        process.WaitForExit(5_000); // lets the output readers see the end of the streams
    }

    /// <summary>This process, its descendants, and those it left behind when it crashed.</summary>
    private List<ProcessTree.Member> Tree()
    {
        List<ProcessTree.Member> tree = [self, .. ProcessTree.DescendantsOf(process.Id)];
        lock (leftBehind) tree.AddRange(leftBehind);
        return tree;
    }

    public void Dispose()
    {
        Stop();
        lock (Started) Started.Remove(this);
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output) output.Add(new OutputLine(DateTime.UtcNow, line));
    }

    private static async Task<byte[]> ReadAllBytesAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
