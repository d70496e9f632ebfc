using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>
/// A real Azurite (pinned in package-lock.json) on free ports, storing into its own folder;
/// installed with `npm ci` when node_modules lacks it.
/// </summary>
internal sealed class Azurite : IDisposable
{
    // Azurite's well-known development account: not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim InstallOnce = new(1, 1);
    // On SIGTERM Azurite closes its servers gracefully, which waits (30 s and more) for clients'
    // idle keep-alive connections, such as the test process's own. Its data is thrown away, so
    // there is nothing to wait for.
    private static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(1);

    private readonly ChildProcess process;
    private readonly int blobPort = Network.FreePort(), queuePort = Network.FreePort(), tablePort = Network.FreePort();

    private Azurite(string folder)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder };
        foreach (var arg in new[]
                 {
                     ScriptPath, "--silent", "--skipApiVersionCheck", "--location", folder,
                     "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
                 })
            start.ArgumentList.Add(arg);
        process = ChildProcess.Start("azurite", start, StopGracePeriod);
    }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    public static async Task<Azurite> StartAsync(string folder)
    {
        await InstallIfMissingAsync();
        var azurite = new Azurite(folder);
        try
        {
            foreach (var port in new[] { azurite.blobPort, azurite.queuePort, azurite.tablePort })
                await Network.WaitUntilListeningAsync(port, StartDeadline, azurite.process);
            return azurite;
        }
        catch
        {
            azurite.Dispose();
            throw;
        }
    }

    public void Dispose() => process.Dispose();

    private static string ScriptPath => Repository.PathOf("node_modules/azurite/dist/src/azurite.js");

    private static async Task InstallIfMissingAsync()
    {
        await InstallOnce.WaitAsync();
        try
        {
            if (File.Exists(ScriptPath)) return;
            var start = new ProcessStartInfo("npm") { WorkingDirectory = Repository.Root };
            foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" }) start.ArgumentList.Add(arg);
            using var npm = ChildProcess.Start("npm ci", start);
            if (!await npm.WaitForExitAsync(TimeSpan.FromMinutes(5)) || npm.ExitCode != 0)
                throw new InvalidOperationException($"npm ci (to install Azurite) failed:\n{npm.Tail(30)}");
        }
        finally
        {
            InstallOnce.Release();
        }
    }
}

internal static class Network
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Task WaitUntilListeningAsync(int port, TimeSpan deadline, ChildProcess owner) =>
        Poll.UntilAsync($"{owner.Name} to listen on port {port}", async () => await IsListeningAsync(port) ? "listening" : null, deadline,
            whyItCannotHappen: () => owner.HasExited ? $"{owner.Name} exited with code {owner.ExitCode}" : null,
            context: () => owner.Tail(30));

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
