using System.Runtime.InteropServices;

namespace VoteFunctions.EndToEnd.Infrastructure;

/// <summary>
/// Processes as Linux's /proc shows them. A process is named by its id and its start time, so a
/// signal never reaches an unrelated process that was given a recycled id.
/// </summary>
internal static class ProcessTree
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    public readonly record struct Member(int Id, ulong StartTime)
    {
        /// <summary>Still running: a zombie (exited, not yet reaped) does not count.</summary>
        public bool IsAlive => Read(Id) is { State: not 'Z' } now && now.StartTime == StartTime;

        public void Signal(int signal)
        {
            if (IsAlive) _ = kill(Id, signal);
        }

        public override string ToString() => $"PID {Id}";
    }

    /// <summary>
    /// SIGTERM to <paramref name="asked"/>, then SIGKILL to whatever of <paramref name="everyone"/>
    /// still runs after <paramref name="grace"/>. Only the processes the suite started are asked:
    /// a host stops its own worker, and the others are signalled only if they outlive it.
    /// </summary>
    public static void Stop(IEnumerable<Member> asked, IReadOnlyList<Member> everyone, TimeSpan grace)
    {
        if (!everyone.Any(member => member.IsAlive)) return;
        foreach (var member in asked) member.Signal(SigTerm);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline && everyone.Any(member => member.IsAlive)) Thread.Sleep(50);
        foreach (var member in everyone) member.Signal(SigKill);
    }

    public static Member? Find(int id) => Read(id) is { } stat ? new Member(id, stat.StartTime) : null;

    /// <summary>Every process started by <paramref name="id"/>, by its children, and so on.</summary>
    public static List<Member> DescendantsOf(int id)
    {
        var children = new Dictionary<int, List<Member>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || Read(pid) is not { } stat) continue;
            if (!children.TryGetValue(stat.Parent, out var list)) children[stat.Parent] = list = [];
            list.Add(new Member(pid, stat.StartTime));
        }
        var found = new List<Member>();
        var pending = new Queue<int>([id]);
        while (pending.TryDequeue(out var parent))
            foreach (var child in children.GetValueOrDefault(parent) ?? [])
            {
                found.Add(child);
                pending.Enqueue(child.Id);
            }
        return found;
    }

    private readonly record struct Stat(char State, int Parent, ulong StartTime);

    private static Stat? Read(int id)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{id}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // "pid (command) state ppid ... starttime ...": the command may hold spaces and parentheses.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return new Stat(fields[0][0], int.Parse(fields[1]), ulong.Parse(fields[19]));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
