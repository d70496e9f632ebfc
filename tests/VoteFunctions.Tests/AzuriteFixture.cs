using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;

namespace VoteFunctions.Tests;

/// <summary>
/// A real Azurite (the npm package pinned in the repository's package-lock.json) on free ports,
/// storing into a temporary folder. Installs it with `npm ci` when node_modules lacks it, so a
/// fresh clone needs nothing but `dotnet test`.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process process;
    private readonly string folder = Directory.CreateTempSubdirectory("azurite-").FullName;

    public int BlobPort { get; }
    public int QueuePort { get; }
    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort);

    public static string ConnectionStringFor(int blobPort, int queuePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;";

    public AzuriteFixture()
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite)) InstallAzurite(root);

        BlobPort = FreePort();
        QueuePort = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var arg in new[]
                 {
                     azurite, "--silent", "--skipApiVersionCheck", "--location", folder,
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", FreePort().ToString(),
                 })
            start.ArgumentList.Add(arg);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        WaitUntilListening(BlobPort);
    }

    /// <summary>A new, empty container for one test.</summary>
    public BlobContainerClient NewContainer()
    {
        var container = new BlobServiceClient(ConnectionString).GetBlobContainerClient("votes-" + Guid.NewGuid().ToString("N")[..12]);
        container.Create();
        return container;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VoteFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (VoteFunctions.sln) above " + AppContext.BaseDirectory);
    }

    private static void InstallAzurite(string root)
    {
        var npm = new ProcessStartInfo("npm") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" }) npm.ArgumentList.Add(arg);
        using var install = Process.Start(npm)!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEndAsync();
        if (!install.WaitForExit(TimeSpan.FromMinutes(5)) || install.ExitCode != 0)
            throw new InvalidOperationException($"npm ci failed (exit {install.ExitCode}): {errors.Result}{output.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within 60 s");
    }

    public void Dispose()
    {
        try { process.Kill(entireProcessTree: true); process.WaitForExit(5000); } catch (InvalidOperationException) { }
        process.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
