using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VoteFunctions;
using VoteFunctions.Core;
using VoteFunctions.Core.Output;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// One warehouse per process: DuckDB has one writer per file. Opened on first use, so a bad
// WarehousePath fails the invocation with a clear message instead of the whole host.
builder.Services.AddSingleton(services =>
{
    var settings = services.GetRequiredService<IConfiguration>();
    var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("VoteFunctions.Warehouse");
    var path = settings["WarehousePath"] is { Length: > 0 } configured
        ? configured
        : throw new WarehouseException("the WarehousePath setting is missing: set it to the DuckDB file's path");
    return Warehouse.Open(path, new WarehouseOptions
    {
        MemoryLimit = settings["WarehouseMemoryLimit"] is { Length: > 0 } limit ? limit : WarehouseOptions.DefaultMemoryLimit,
        Log = message => log.LogWarning("{Repair}", DisplayText.Escape(message)),
    });
});
builder.Services.AddHostedService<ExitWhenHostDies>();

builder.Build().Run();
