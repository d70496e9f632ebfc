using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoteFunctions;
using VoteFunctions.Core;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// One warehouse per process: DuckDB has one writer per file. Opened on first use, so a bad
// WarehousePath fails the invocation with a clear message instead of the whole host.
builder.Services.AddSingleton(services => Warehouse.Open(
    services.GetRequiredService<IConfiguration>()["WarehousePath"] is { Length: > 0 } path
        ? path
        : throw new WarehouseException("the WarehousePath setting is missing: set it to the DuckDB file's path")));
builder.Services.AddHostedService<ExitWhenHostDies>();

builder.Build().Run();
