namespace VoteFunctions.Core.Queries;

/// <summary>A row of blog_analysis.rejected_lines.</summary>
public sealed record RejectedLine(string FileName, long LineNumber, string? RawText, string Reason);
