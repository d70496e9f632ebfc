using System.Runtime.InteropServices;

namespace VoteFunctions.Cli;

/// <summary>
/// Ctrl+C (SIGINT), SIGTERM and SIGHUP cancel the command under way instead of killing the
/// process, so that the file being ingested is rolled back and temporary files are deleted;
/// the exit code is then 128 + the signal's number (130, 143, 129), as shells report it.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource cancel = new();
    private readonly List<PosixSignalRegistration> registrations = [];

    public ShutdownSignals()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // keep the process alive until the command has cleaned up
                Received ??= context.Signal;
                cancel.Cancel();
            }));
    }

    public CancellationToken Token => cancel.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Received { get; private set; }

    public string Name => Received switch { PosixSignal.SIGTERM => "SIGTERM", PosixSignal.SIGHUP => "SIGHUP", _ => "Ctrl+C" };

    public int ExitCode => Received switch { PosixSignal.SIGTERM => 143, PosixSignal.SIGHUP => 129, _ => 130 };

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        cancel.Dispose();
    }
}
