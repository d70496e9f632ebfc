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
}
