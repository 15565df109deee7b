using System.CommandLine;
using Reporting.Cli;
using Reporting.Domain;
using Reporting.Domain.Text;

namespace Reporting.Integration.Tests.Cli;

/// <summary>The command line's help comes from the catalogue, in each language, for every command, option and argument.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData(Language.Kk)]
    [InlineData(Language.Ru)]
    [InlineData(Language.En)]
    public void Every_command_option_and_argument_is_described_in_the_language(Language language)
    {
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, language);
        var root = ReportingCommandLine.BuildRoot(console);
        var catalogue = MessageCatalog.Default;

        var gaps = new List<string>();
        foreach (var (element, keys) in HelpTexts.Elements(root))
        {
            var key = keys.FirstOrDefault(k => catalogue.TextTemplate(Language.En, k) is not null);
            if (key is null)
            {
                gaps.Add($"{element.Name}: none of {string.Join(", ", keys)}");
                continue;
            }

            if (catalogue.TextTemplate(language, key) is null) gaps.Add($"{key}: no {language.Code()} text");
            var description = element switch { Command c => c.Description, Option o => o.Description, Argument a => a.Description, _ => null };
            Assert.Equal(console[new TextKey(key)], description);
        }

        Assert.Empty(gaps);
    }

    [Fact]
    public async Task Help_is_printed_in_the_language_asked_for()
    {
        var (exit, output, _) = await CliRunner.RunAsync("--lang", "ru", "validate", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("Проверить файлы отчетов майнеров и перечислить все замечания по ячейкам.", output, StringComparison.Ordinal);
        Assert.Contains("Выводить JSON для программ вместо текста.", output, StringComparison.Ordinal);
    }
}
