using Microsoft.Extensions.Options;
using Reporting.Domain.Rules;

namespace Reporting.Application.Rules;

/// <summary>Which rules file the pipeline applies: the shipped one, or an edited copy at <see cref="Path"/>.</summary>
public sealed class RulesOptions
{
    public const string SectionName = "Rules";

    /// <summary>Path of a rules file; empty means the rules shipped with the library.</summary>
    public string? Path { get; set; }
}

/// <summary>Loads the configured rules once; a malformed or gapped file stops the host at start-up.</summary>
public sealed class RuleSetProvider(IOptions<RulesOptions> options)
{
    private readonly Lazy<RuleSet> _rules = new(() => Load(options.Value));

    public RuleSet Rules => _rules.Value;

    public static RuleSet Load(RulesOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path)) return RuleSet.Default;
        if (!File.Exists(options.Path)) throw new RulesException($"Rules file {options.Path} (Rules:Path) does not exist.");
        return RuleSetLoader.Parse(File.ReadAllText(options.Path), options.Path);
    }
}

/// <summary>Validates the rules file together with the options, so ValidateOnStart fails fast on a bad file.</summary>
public sealed class RulesOptionsValidator : IValidateOptions<RulesOptions>
{
    public ValidateOptionsResult Validate(string? name, RulesOptions options)
    {
        try
        {
            RuleSetProvider.Load(options);
            return ValidateOptionsResult.Success;
        }
        catch (RulesException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
