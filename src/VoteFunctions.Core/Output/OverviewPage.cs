using System.Globalization;
using System.Security;
using System.Text;
using VoteFunctions.Core.Queries;
using VoteFunctions.Core.Storage;

namespace VoteFunctions.Core.Output;

/// <summary>
/// One page that shows what a running app holds and did: the status, the weekly chart, the latest
/// files with their counts and the latest rejected lines, with links to the full listings.
/// Self-contained, as the chart page is: no script, nothing loaded from elsewhere.
/// </summary>
public static class OverviewPage
{
    public const int FilesShown = 50;
    public const int RejectedLinesShown = 20;
    private const int PendingBlobsShown = 10;
    private const int RawTextShown = 120;

    /// <summary>
    /// The page for a warehouse. <paramref name="key"/> is the function key the page was asked
    /// with in its address (<c>?code=</c>), if any: its links carry it, so that they open in a browser too.
    /// </summary>
    public static string Html(Warehouse warehouse, PendingBlobs pending, string? key = null) =>
        Html(warehouse.ReadWeeklyDeviation(), warehouse.Status(), pending, warehouse.ListIngestedFiles(), warehouse.LatestRejectedLines(RejectedLinesShown), key);

    public static string Html(IReadOnlyList<WeekDeviation> weeks, WarehouseStatus status, PendingBlobs pending,
        IReadOnlyList<IngestedFile> files, IReadOnlyList<RejectedLine> latestRejected, string? key = null)
    {
        string Link(string path, string text) =>
            $"""<a href="{Escape(path + (string.IsNullOrEmpty(key) ? "" : (path.Contains('?') ? "&" : "?") + "code=" + Uri.EscapeDataString(key)))}">{Escape(text)}</a>""";

        var page = new StringBuilder();
        page.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Vote warehouse: overview</title>
            <style>
            body { margin: 16px; font-family: system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif; color: #222; background: #fff; font-size: 14px; }
            main { max-width: 1000px; }
            h1 { font-size: 22px; margin: 0 0 12px; }
            h2 { font-size: 17px; margin: 24px 0 8px; }
            .figures { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
            .figures li { flex: 1 1 0; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px; min-width: 96px; }
            .figures b { display: block; font-size: 20px; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e6e6e6; vertical-align: top; }
            th { background: #f6f8fa; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            code, .raw { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 12px; }
            .raw { word-break: break-all; }
            #files td:nth-child(2), #rejects td:first-child { white-space: nowrap; }
            .note { color: #555; }
            svg { max-width: 100%; height: auto; }
            </style>
            </head>
            <body>
            <main>
            <h1>Vote warehouse</h1>

            """);

        page.Append($"""<ul class="figures" id="figures">""").Append('\n');
        Figure(page, "votes", Count(status.Votes));
        Figure(page, "weeks with votes", Count(status.Weeks));
        Figure(page, "files ingested", Count(status.Files));
        Figure(page, "lines read", Count(status.LinesRead));
        Figure(page, "duplicate lines", Count(status.Duplicates));
        Figure(page, "rejected lines", Count(status.Rejected));
        Figure(page, "blobs waiting", pending.Error is null ? Count(pending.Blobs.Count) : "?");
        page.Append("</ul>\n");

        page.Append("""<h2>Status</h2>""").Append('\n').Append("""<table id="status">""").Append('\n');
        Row(page, "Last ingest", status.LastIngest is { } last
            ? $"{Escape(last.FileName)} at {Time(last.IngestedAt)}: {Counts(last)}"
            : "no file ingested yet");
        Row(page, "Last catch-up", Run(status.LastCatchUp));
        Row(page, "Last nightly refresh", Run(status.LastNightlyRefresh));
        Row(page, "For the next catch-up", Pending(pending));
        Row(page, "Warehouse", string.Create(CultureInfo.InvariantCulture,
            $"<code>{Escape(status.DatabasePath)}</code>: {Bytes(status.DatabaseBytes)}, write-ahead log {Bytes(status.WriteAheadLogBytes)}; schema version {(status.SchemaVersion is { } version ? version.ToString(CultureInfo.InvariantCulture) : "not recorded")}"));
        Row(page, "All of it", $"{Link("status", "status (JSON)")}, {Link("files?format=csv", "ledger (CSV)")}, {Link("rejects?format=csv", "rejected lines (CSV)")}, {Link("weeks?format=csv", "weeks (CSV)")}, {Link("chart", "chart")}");
        page.Append("</table>\n");

        page.Append("<h2>Votes per week</h2>\n").Append(WeeklyChart.Svg(weeks));

        page.Append("<h2>Files</h2>\n");
        if (files.Count == 0) page.Append("""<p class="note">No files ingested yet.</p>""").Append('\n');
        else
        {
            page.Append(files.Count > FilesShown
                ? $"""<p class="note">The latest {FilesShown} of {Count(files.Count)} files, newest first; all of them: {Link("files?format=csv", "the ledger")}.</p>"""
                : """<p class="note">Newest first.</p>""").Append('\n');
            page.Append("""<table id="files"><tr><th class="n">FileId</th><th>File</th><th class="n">Size</th><th>Ingested (UTC)</th><th class="n">Lines</th><th class="n">Inserted</th><th class="n">Duplicates</th><th class="n">Rejected</th></tr>""").Append('\n');
            foreach (var f in files.Reverse().Take(FilesShown))
                page.Append(string.Create(CultureInfo.InvariantCulture,
                    $"""<tr><td class="n">{f.FileId}</td><td>{Escape(f.FileName)}</td><td class="n">{Bytes(f.SizeBytes)}</td><td>{Time(f.IngestedAt)}</td><td class="n">{Count(f.LinesRead)}</td><td class="n">{Count(f.Inserted)}</td><td class="n">{Count(f.Duplicates)}</td><td class="n">{Count(f.Rejected)}</td></tr>"""))
                    .Append('\n');
            page.Append("</table>\n");
        }

        page.Append("<h2>Latest rejected lines</h2>\n");
        if (latestRejected.Count == 0) page.Append("""<p class="note">No rejected lines.</p>""").Append('\n');
        else
        {
            page.Append($"""<p class="note">The last {Count(latestRejected.Count)} of the {Count(status.RejectedLinesKept)} kept; all of them: {Link("rejects?format=csv", "rejected lines (CSV)")}, or <code>votes rejects --app URL</code>.</p>""").Append('\n');
            page.Append("""<table id="rejects"><tr><th>File</th><th class="n">Line</th><th>Reason</th><th>Raw text</th></tr>""").Append('\n');
            foreach (var line in latestRejected)
                page.Append(string.Create(CultureInfo.InvariantCulture,
                    $"""<tr><td>{Escape(line.FileName)}</td><td class="n">{line.LineNumber}</td><td>{Escape(line.Reason)}</td><td class="raw">{Escape(Shorten(line.RawText ?? ""))}</td></tr>"""))
                    .Append('\n');
            page.Append("</table>\n");
        }

        page.Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static void Figure(StringBuilder page, string label, string value) =>
        page.Append($"<li><b>{value}</b>{Escape(label)}</li>\n");

    private static void Row(StringBuilder page, string label, string html) =>
        page.Append($"<tr><th>{Escape(label)}</th><td>{html}</td></tr>\n");

    private static string Counts(IngestedFile file) =>
        $"{Count(file.LinesRead)} {Plural.Lines(file.LinesRead)} read, {Count(file.Inserted)} inserted, {Count(file.Duplicates)} duplicate, {Count(file.Rejected)} rejected";

    private static string Run(MaintenanceRun? run) => run is null
        ? "not run yet"
        : $"{Time(run.FinishedAt)}: {Count(run.BlobsListed)} blobs listed, {Count(run.AlreadyIngested)} already ingested, "
          + $"{Count(run.KnownUnderAnotherName)} already ingested under another name, {Count(run.Ingested)} ingested, {Count(run.Failed)} failed"
          + (run.Votes is { } votes ? $"; then {Count(votes)} votes in {Count(run.Weeks ?? 0)} weeks, {Count(run.OutlierWeeks ?? 0)} outlier weeks" : "");

    private static string Pending(PendingBlobs pending)
    {
        if (pending.Error is { } error) return Escape(error);
        if (pending.Blobs.Count == 0) return $"nothing: the ledger knows every blob of the container ({Count(pending.BlobsListed)})";
        var names = string.Join(", ", pending.Blobs.Take(PendingBlobsShown).Select(blob => Escape(blob.Name)));
        return $"{Count(pending.Blobs.Count)} blobs, {Bytes(pending.Blobs.Sum(blob => blob.SizeBytes))}: {names}{(pending.Blobs.Count > PendingBlobsShown ? ", …" : "")}";
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes >= 1_000_000
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:N1} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B");

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The start of a raw line, its control characters shown as symbols (␀, ␉, ␍…) rather than lost in the page.</summary>
    private static string Shorten(string text)
    {
        var visible = new string(text.Take(RawTextShown + 1).Select(c => c < ' ' ? (char)(0x2400 + c) : c == '\x7f' ? '\x2421' : c).ToArray());
        return visible.Length <= RawTextShown ? visible : visible[..(RawTextShown - 1)] + "…";
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
