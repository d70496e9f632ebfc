using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace VoteFunctions;

/// <summary>
/// Ends this worker when the Functions host that started it is gone. A host that is killed
/// (SIGKILL, out of memory, a crash) cannot stop its worker, and on Linux the worker lives on as
/// an orphan that still holds the warehouse's DuckDB file lock: every worker of the next host
/// then fails with "in use by another process" until someone finds and kills the orphan. A worker
/// without its host can never be invoked again, so it ends as if it had been killed with the
/// host: DuckDB discards an ingest that was not committed, and the blob is delivered again (or
/// caught up by CatchUpMissedBlobs); the ledger makes that safe.
/// </summary>
internal sealed class ExitWhenHostDies : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only Unix re-parents an orphan (to init), which is how its parent's death shows.
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;

        var host = getppid();
        using var timer = new PeriodicTimer(CheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (getppid() == host) continue;
            // Not a graceful stop: that would dispose the warehouse under an ingest still running,
            // and would wait for a host that can no longer answer.
            Process.GetCurrentProcess().Kill();
        }
    }

    [DllImport("libc")]
    private static extern int getppid();
}
