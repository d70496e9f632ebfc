using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace VoteFunctions.Tests;

public class InfrastructureTests
{
    [Fact]
    public void Every_setting_the_app_reads_is_set_by_the_bicep_template()
    {
        var root = AzuriteFixture.RepositoryRoot();
        var bicep = File.ReadAllText(Path.Combine(root, "infra", "main.bicep"));
        var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")))
            .RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name);

        // A connection setting may be set identity-based, as NAME__accountName or NAME__blobServiceUri.
        Assert.All(settings, setting => Assert.Matches($"name: '{setting}(__[A-Za-z]+)?'", bicep));
        Assert.Contains("mountPath: warehouseMountPath", bicep);
        Assert.Contains("value: '${warehouseMountPath}/warehouse.db'", bicep);
    }
}
