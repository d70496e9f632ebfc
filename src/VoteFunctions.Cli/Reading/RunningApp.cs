using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using VoteFunctions.Core;
using VoteFunctions.Core.Queries;

namespace VoteFunctions.Cli.Reading;

/// <summary>
/// A running Functions app, read through its HTTP API (GET /api/outlier-weeks, /api/weeks,
/// /api/files, /api/rejects as JSON), with its function key if it checks keys. Its JSON carries
/// every field of the records exactly (doubles in their shortest round-trip form), so the
/// commands print the same as from the file. What goes wrong is a one-line WarehouseException.
/// </summary>
internal sealed partial class RunningApp : IReadableWarehouse
{
    /// <summary>Rejected lines asked for at once: the app's largest page.</summary>
    private const int RejectedLinesPage = 10_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Uri app;
    private readonly string? key;
    private readonly CancellationToken cancel;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromMinutes(2) };

    /// <param name="app">The app's address, such as http://127.0.0.1:7071 or https://NAME.azurewebsites.net.</param>
    public RunningApp(Uri app, string? key, CancellationToken cancel)
    {
        // A base ending in '/', so that "api/..." is resolved under it.
        this.app = app.AbsoluteUri.EndsWith('/') ? app : new Uri(app.AbsoluteUri + "/");
        this.key = string.IsNullOrEmpty(key) ? null : key;
        this.cancel = cancel;
    }

    public IReadOnlyList<OutlierWeek> RefreshOutlierWeeks() => Get<List<OutlierWeek>>("api/outlier-weeks").Body;

    public IReadOnlyList<WeekDeviation> ReadWeeklyDeviation() => Get<List<WeekDeviation>>("api/weeks").Body;

    public IReadOnlyList<IngestedFile> ListIngestedFiles() => Get<List<IngestedFile>>("api/files").Body;

    /// <summary>Page after page, each asked for when the one before has been read, as its Link header says.</summary>
    public IEnumerable<RejectedLine> ListRejectedLines(string? fileName)
    {
        var page = $"api/rejects?limit={RejectedLinesPage}" + (fileName is null ? "" : "&file=" + Uri.EscapeDataString(fileName));
        while (page is not null)
        {
            var (lines, next) = Get<List<RejectedLine>>(page);
            foreach (var line in lines) yield return line;
            page = next;
        }
    }

    /// <summary>GET as JSON; the Link header's next page, if any, as an address relative to the app.</summary>
    private (T Body, string? Next) Get<T>(string relative)
    {
        var url = new Uri(app, relative);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null) request.Headers.Add("x-functions-key", key);
        HttpResponseMessage response;
        try
        {
            response = http.Send(request, cancel);
        }
        catch (HttpRequestException e)
        {
            throw new WarehouseException($"cannot reach the app at {app}: {e.Message} (is it running, at that address?)");
        }
        catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new WarehouseException($"the app at {app} did not answer GET {url.PathAndQuery} within {http.Timeout.TotalSeconds:N0} s");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw Refused(response, url);
            try
            {
                var body = JsonSerializer.Deserialize<T>(response.Content.ReadAsStream(cancel), Json)
                    ?? throw new JsonException("null");
                return (body, NextPage(response));
            }
            catch (JsonException)
            {
                throw new WarehouseException($"the app at {app} did not answer JSON to GET {url.PathAndQuery} (is it a VoteFunctions app?)");
            }
        }
    }

    private WarehouseException Refused(HttpResponseMessage response, Uri url)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return new WarehouseException(key is null
                ? $"the app at {app} wants a function key ({status}): give it with --key or VOTES_APP_KEY"
                : $"the app at {app} refused the function key given ({status})");
        return new WarehouseException(response.StatusCode == HttpStatusCode.NotFound
            ? $"the app at {app} has no {url.AbsolutePath} ({status}): is it a VoteFunctions app of this version?"
            : $"the app at {app} answered GET {url.PathAndQuery} with {status}; its log says why");
    }

    private static string? NextPage(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links)
            ? links.Select(link => NextLink().Match(link)).FirstOrDefault(match => match.Success)?.Groups["url"].Value.TrimStart('/')
            : null;

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;\s*rel="?next"?""")]
    private static partial Regex NextLink();

    public void Dispose() => http.Dispose();
}
