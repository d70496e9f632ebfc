using Xunit.Sdk;

namespace VoteFunctions.EndToEnd.Infrastructure;

internal static class HostAssert
{
    /// <summary>Runs assertions about what the host did; a failure's message ends with the tail of the host log.</summary>
    public static void WithLog(FunctionsHost host, Action assertions)
    {
        try
        {
            assertions();
        }
        catch (XunitException failure)
        {
            throw new XunitException($"{failure.Message}\n{host.DescribeLog()}", failure);
        }
    }

    /// <summary>
    /// Stops the host (DuckDB lets one process at a time open the file), then checks that its
    /// warehouse holds every vote once, and as many as the command-line tool's from the same files.
    /// </summary>
    public static void StoppedWithEachVoteOnceAsInTheCli(FunctionsHost host, ReferenceWarehouse reference)
    {
        host.Stop();
        var votes = host.Warehouse.CountVotes();
        Assert.Equal(votes.Votes, votes.DistinctIds);
        Assert.Equal(reference.Warehouse.CountVotes(), votes);
    }
}
