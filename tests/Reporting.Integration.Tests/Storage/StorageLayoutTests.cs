using System.Text.RegularExpressions;
using Reporting.Storage;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Storage;

/// <summary>The production infrastructure creates exactly the containers and tables the code uses (they are named in two places).</summary>
public sealed partial class StorageLayoutTests
{
    [Fact]
    public void The_Bicep_lists_the_containers_tables_and_queues_of_the_storage_layout()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "infra", "main.bicep"));
        var layout = new StorageLayout("");

        var containers = List(bicep, "blobContainerNames").Select(n => n == "uploadsContainerName" ? Variable(bicep, "uploadsContainerName") : n.Trim('\''));
        var tables = List(bicep, "tableNames").Select(n => n.Trim('\''));

        Assert.Equal(layout.Containers.Order(StringComparer.Ordinal), containers.Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetValues<TableName>().Select(t => layout.Table(t)).Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        var queues = List(bicep, "workQueueNames").Select(n => n.Trim('\''));
        Assert.Equal(Enum.GetValues<WorkQueue>().Select(q => layout.Queue(q)).Order(StringComparer.Ordinal), queues.Order(StringComparer.Ordinal));
        Assert.Contains("map(workQueueNames, name => '${name}-poison')", bicep, StringComparison.Ordinal);
        Assert.All(Enum.GetValues<WorkQueue>(), q => Assert.Equal(layout.Queue(q) + "-poison", layout.PoisonQueue(q)));
    }

    private static string[] List(string bicep, string name)
    {
        var match = Regex.Match(bicep, $@"var {name} = \[(?<items>[^\]]*)\]");
        Assert.True(match.Success, $"no list {name} in main.bicep");
        return match.Groups["items"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static string Variable(string bicep, string name) => Regex.Match(bicep, $@"var {name} = '(?<value>[^']*)'").Groups["value"].Value;
}
