namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>Waiting for an asynchronous outcome: polling with a generous deadline, never a fixed sleep.</summary>
internal static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="probe"/> until it returns something; fails with <paramref name="context"/> at the deadline.</summary>
    /// <param name="whyItCannotHappen">Says, once it is so, why waiting longer is pointless (a process that exited).</param>
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T?>> probe, TimeSpan deadline, TimeSpan? interval = null,
        Func<string?>? whyItCannotHappen = null, Func<string>? context = null) where T : class
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (whyItCannotHappen?.Invoke() is { } reason) throw new InvalidOperationException($"{reason} while waiting for {what}\n{context?.Invoke()}");
            if (DateTime.UtcNow > until) throw new TimeoutException($"waited {deadline.TotalSeconds} s for {what}\n{context?.Invoke()}");
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    public static Task<T> UntilAsync<T>(string what, Func<T?> probe, TimeSpan deadline, TimeSpan? interval = null,
        Func<string?>? whyItCannotHappen = null, Func<string>? context = null) where T : class =>
        UntilAsync(what, () => Task.FromResult(probe()), deadline, interval, whyItCannotHappen, context);
}
