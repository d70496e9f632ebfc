using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoteFunctions.Tests;

/// <summary>
/// The app's HTTP functions (the classes of src/VoteFunctions, over one open warehouse) served by
/// Kestrel on a free port, a function key checked as the Functions host checks it: the CLI's
/// --app tested in seconds. It stands in for the HTTP API only; the end-to-end suite runs the
/// published app on the real host.
/// </summary>
public sealed class AppOverHttp : IAsyncDisposable
{
    private readonly WebApplication app;

    public Uri Address { get; }

    private AppOverHttp(WebApplication app, Uri address) => (this.app, Address) = (app, address);

    /// <param name="key">The function key the app wants (as x-functions-key or ?code=), or null for none.</param>
    public static async Task<AppOverHttp> StartAsync(Warehouse warehouse, string? key = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMvcCore(); // runs the functions' IActionResults
        var app = builder.Build();
        foreach (var (route, function) in new (string, Func<HttpRequest, IActionResult>)[]
                 {
                     ("outlier-weeks", new GetOutlierWeeks(warehouse).Run),
                     ("weeks", new GetWeeks(warehouse).Run),
                     ("chart", new GetChart(warehouse).Run),
                     ("files", new GetFiles(warehouse).Run),
                     ("rejects", new GetRejects(warehouse).Run),
                 })
            app.MapGet("/api/" + route, async context =>
            {
                if (key is not null && context.Request.Headers["x-functions-key"] != key && context.Request.Query["code"] != key)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }
                await function(context.Request).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AppOverHttp(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
