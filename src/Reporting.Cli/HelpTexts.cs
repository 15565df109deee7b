using System.CommandLine;
using Reporting.Domain.Text;

namespace Reporting.Cli;

/// <summary>
/// The command line's help in the reader's language: every command, option and argument is described by the catalogue
/// under a key made from its place in the tree — <c>help.report.quarterly</c> for a command, <c>help.report.quarterly.out</c>
/// for its option <c>--out</c> — or, for an option that means the same everywhere (<c>--storage</c>, <c>--json</c>, ...),
/// <c>help.option.storage</c>. The code holds no description of its own, so there is one wording per language, and a test
/// walks the tree to find any element without one.
/// </summary>
internal static class HelpTexts
{
    public const string RootKey = "help.reporting";

    /// <summary>Sets every description of the tree from the catalogue.</summary>
    public static void Apply(RootCommand root, Words words)
    {
        foreach (var (element, keys) in Elements(root))
        {
            // The most specific key the catalogue has (English is complete; the other languages are checked by the catalogue tests).
            var key = keys.FirstOrDefault(k => words.Catalog.TextTemplate(Language.En, k) is not null);
            if (key is null) continue;
            var description = words[new TextKey(key)];
            switch (element)
            {
                case Command command:
                    command.Description = description;
                    break;
                case Option option:
                    option.Description = description;
                    break;
                case Argument argument:
                    argument.Description = description;
                    break;
            }
        }
    }

    /// <summary>Every command, option and argument of the tree with its catalogue keys, the specific one first.</summary>
    public static IEnumerable<(Symbol Element, IReadOnlyList<string> Keys)> Elements(RootCommand root)
    {
        var stack = new Stack<(Command Command, string Path)>();
        stack.Push((root, ""));
        while (stack.Count > 0)
        {
            var (command, path) = stack.Pop();
            yield return (command, [path.Length == 0 ? RootKey : "help." + path]);
            foreach (var option in command.Options)
            {
                var name = option.Name.TrimStart('-', '/');
                yield return (option, path.Length == 0 ? ["help.option." + name] : [$"help.{path}.{name}", "help.option." + name]);
            }

            foreach (var argument in command.Arguments) yield return (argument, [$"help.{path}.{argument.Name}"]);
            foreach (var sub in command.Subcommands) stack.Push((sub, path.Length == 0 ? sub.Name : $"{path}.{sub.Name}"));
        }
    }
}
