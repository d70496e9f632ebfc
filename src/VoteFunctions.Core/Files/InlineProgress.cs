namespace VoteFunctions.Core.Files;

/// <summary>Reports synchronously on the reporting thread (System.Progress posts later, out of order).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
