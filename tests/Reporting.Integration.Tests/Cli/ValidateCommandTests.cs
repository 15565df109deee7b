using System.Text.Json;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Cli;

public sealed class ValidateCommandTests
{
    private static string Sample(string name) => Path.Combine(RepositoryPaths.Samples, name);
    private static string Broken(string name) => Path.Combine(RepositoryPaths.BrokenSamples, name);

    [Fact]
    public async Task Valid_files_exit_0_and_say_what_they_are()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", Sample("consumption-2025-03.xlsx"), Sample("sales-2025-03.xlsx"));

        Assert.Equal(0, exit);
        Assert.Contains($"{Sample("consumption-2025-03.xlsx")}: valid consumption KZ-DM-0016 2025-03", output);
        Assert.Contains($"{Sample("sales-2025-03.xlsx")}: valid sales KZ-DM-0016 2025-03", output);
    }

    [Fact]
    public async Task Problems_print_file_sheet_cell_code_and_message_and_exit_1()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", Sample("consumption-2025-03.xlsx"), Broken("several-problems.xlsx"));

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{Broken("several-problems.xlsx")}: Report!B3: invalid-bin: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Broken("several-problems.xlsx")}: Consumption!C2: unknown-source: Source 'diesel'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Broken("several-problems.xlsx")}: Consumption!D3: type-error: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{Broken("several-problems.xlsx")}: Consumption!A4: missing-value: ", StringComparison.Ordinal));
        Assert.Contains($"{Broken("several-problems.xlsx")}: rejected consumption KZ-DM-0016 2025-03 (4 errors, 0 warnings)", output);
    }

    [Fact]
    public async Task Json_lists_every_file_with_its_issues()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", "--json", Sample("sales-2025-03.xlsx"), Broken("duplicate-trade-id.xlsx"), Broken("not-a-workbook.xlsx"));

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, files.Length);
        Assert.True(files[0].GetProperty("valid").GetBoolean());
        Assert.Equal("sales", files[0].GetProperty("kind").GetString());
        Assert.Equal("KZ-DM-0016", files[0].GetProperty("licence").GetString());
        Assert.Equal("2025-03", files[0].GetProperty("period").GetString());
        var issue = files[1].GetProperty("issues").EnumerateArray().Single();
        Assert.Equal("duplicate-trade-id", issue.GetProperty("code").GetString());
        Assert.Equal("error", issue.GetProperty("severity").GetString());
        Assert.Equal("Sold", issue.GetProperty("sheet").GetString());
        Assert.Equal("E3", issue.GetProperty("cell").GetString());
        Assert.False(string.IsNullOrEmpty(issue.GetProperty("value").GetString()));
        Assert.Equal(JsonValueKind.Null, files[2].GetProperty("kind").ValueKind);
        Assert.Equal("not-a-workbook", files[2].GetProperty("issues")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var (exit, _, error) = await CliRunner.RunAsync("validate", "no-such-file.xlsx");

        Assert.Equal(2, exit);
        Assert.Contains("error: file not found: no-such-file.xlsx", error);
    }

    [Fact]
    public async Task Unknown_options_are_usage_errors()
    {
        var (exit, _, error) = await CliRunner.RunAsync("validate", "--bogus", Sample("consumption-2025-03.xlsx"));

        Assert.Equal(2, exit);
        Assert.Contains("--bogus", error);
    }

    [Theory]
    [InlineData("consumption")]
    [InlineData("sales")]
    public async Task A_template_written_by_the_command_is_a_workbook_that_only_lacks_the_miner_details(string kind)
    {
        using var temp = new TempDirectory();
        var path = temp.File($"{kind}.xlsx");

        var (exit, _, _) = await CliRunner.RunAsync("template", kind, "--out", path);
        var (validateExit, output, _) = await CliRunner.RunAsync("validate", "--json", path);

        Assert.Equal(0, exit);
        Assert.Equal(1, validateExit);
        using var json = JsonDocument.Parse(output);
        var file = json.RootElement[0];
        Assert.Equal(kind, file.GetProperty("kind").GetString());
        Assert.All(file.GetProperty("issues").EnumerateArray(), i => Assert.Equal("missing-value", i.GetProperty("code").GetString()));
    }
}
