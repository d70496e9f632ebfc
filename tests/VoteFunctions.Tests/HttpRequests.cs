using Microsoft.AspNetCore.Http;

namespace VoteFunctions.Tests;

/// <summary>Real HttpRequests, as the Functions host hands them to an HTTP function.</summary>
public static class HttpRequests
{
    public static HttpRequest Get(string path, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }
}
