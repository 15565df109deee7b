using Reporting.Domain;
using System.Reflection;
using Reporting.Application.Ingestion;
using Reporting.Domain.Assessment;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;

namespace Reporting.Integration.Tests.Text;

/// <summary>
/// The one catalogue words every code and every text in Kazakh, Russian and English: a code, variant or text without
/// a language fails here, and so does a template that names a value its code does not declare (call sites must give
/// exactly the declared values, which the code checks whenever a message is made).
/// </summary>
public sealed class CatalogueTests
{
    private static readonly MessageCatalog Catalogue = MessageCatalog.Default;

    /// <summary>Every static wording the product declares, found by reflection over its assemblies.</summary>
    private static IReadOnlyList<Wording> Declared()
    {
        var assemblies = new[] { typeof(IssueCodes), typeof(Reporting.Excel.Reading.Heading), typeof(UploadProcessor), typeof(Reporting.Cli.ReportingCommandLine), typeof(Reporting.Web.Text.PortalTexts) }
            .Select(t => t.Assembly);
        var wordings = new List<Wording>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => !f.FieldType.ContainsGenericParameters))
            {
                var value = field.FieldType == typeof(Heading) || typeof(Wording).IsAssignableFrom(field.FieldType) ? field.GetValue(null) : null;
                if (value is Heading heading) wordings.Add(heading.Key);
                else if (value is Wording wording) wordings.Add(wording);
            }
        }

        return wordings.Distinct().ToArray();
    }

    private static IReadOnlyList<MessageCode> Codes() =>
        new[] { typeof(IssueCodes), typeof(ViolationCodes), typeof(FindingCodes) }
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public)).Select(f => f.GetValue(null)).OfType<MessageCode>().ToArray();

    [Fact]
    public void Every_code_has_a_title_a_description_and_each_of_its_wordings_in_every_language()
    {
        var gaps = new List<string>();
        foreach (var code in Codes())
        {
            foreach (var language in Languages.All)
            {
                var entry = Catalogue.Code(language, code.Code);
                if (entry is null || string.IsNullOrWhiteSpace(entry.Title) || string.IsNullOrWhiteSpace(entry.Description) || string.IsNullOrWhiteSpace(entry.Message.Source))
                {
                    gaps.Add($"{language.Code()}: {code.Code}");
                    continue;
                }

                foreach (var variant in code.Variants)
                {
                    if (!entry.Variants.ContainsKey(variant.VariantName!)) gaps.Add($"{language.Code()}: {code.Code}/{variant.VariantName}");
                }

                gaps.AddRange(entry.Variants.Keys.Where(v => code.Variants.All(d => d.VariantName != v)).Select(v => $"{language.Code()}: {code.Code}/{v} is not declared"));
            }
        }

        Assert.Empty(gaps);
    }

    [Fact]
    public void Every_template_names_only_values_its_wording_declares_and_english_names_them_all()
    {
        var problems = new List<string>();
        var wordings = Declared().Concat(Codes().SelectMany(c => c.Variants.Cast<Wording>().Prepend(c))).Distinct();
        foreach (var wording in wordings)
        {
            foreach (var language in Languages.All)
            {
                var template = Catalogue.TemplateOf(language, wording.Key, wording.VariantName);
                var extra = template.Placeholders.Except(wording.Parameters).ToArray();
                if (extra.Length > 0) problems.Add($"{language.Code()} {wording}: names {string.Join(", ", extra)}, not given by the code");
                if (language == Language.En && wording.Parameters.Except(template.Placeholders).ToArray() is { Length: > 0 } unused)
                    problems.Add($"en {wording}: does not show {string.Join(", ", unused)}");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_declared_text_is_in_every_language_and_the_catalogue_holds_nothing_undeclared()
    {
        var declared = Declared().OfType<TextKey>().Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        // The command line's help: the keys its tree looks up (HelpTests checks that each element finds one).
        var help = Reporting.Cli.HelpTexts.Elements(Reporting.Cli.ReportingCommandLine.BuildRoot(new Reporting.Cli.CliConsole(TextWriter.Null, TextWriter.Null)))
            .SelectMany(e => e.Keys).ToHashSet(StringComparer.Ordinal);
        var terms = TermEnums().SelectMany(t => Enum.GetNames(t).Select(n => Terms.KeyOf(t, Domain.EnumCodes.Kebab(n)))).ToHashSet(StringComparer.Ordinal);
        foreach (var language in Languages.All)
        {
            var texts = Catalogue.TextKeys(language).ToHashSet(StringComparer.Ordinal);
            Assert.Empty(declared.Union(terms).Except(texts).Order().Select(k => $"{language.Code()}: {k} is missing"));
            Assert.Empty(texts.Except(declared).Except(terms).Except(help).Order().Select(k => $"{language.Code()}: {k} is in the catalogue but declared nowhere"));
            var codes = Codes().Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            codes.SymmetricExceptWith(Catalogue.Codes(language));
            Assert.Empty(codes.Select(c => $"{language.Code()}: code {c} is not in both the code and the catalogue"));
        }
    }

    /// <summary>Every enum people read: the domain's (Terms.Enums) and the application's.</summary>
    private static IEnumerable<Type> TermEnums() => Terms.Enums.Append(typeof(UploadOutcomeStatus)).Append(typeof(Reporting.Storage.Work.WorkUnitState)).Append(typeof(Reporting.Storage.WorkQueue));

    [Fact]
    public void Russian_plurals_have_every_category_and_each_translation_differs_from_english_where_english_is_words()
    {
        var untranslated = new List<string>();
        foreach (var key in Catalogue.TextKeys(Language.En))
        {
            var en = Catalogue.TemplateOf(Language.En, key, null).Source;
            var words = System.Text.RegularExpressions.Regex.Replace(en, @"\{[a-z_]+\}", "");
            if (words.Count(char.IsAsciiLetterLower) < 4) continue; // units, symbols, placeholders only
            foreach (var language in new[] { Language.Ru, Language.Kk })
            {
                var text = Catalogue.TemplateOf(language, key, null).Source;
                if (text == en && !key.StartsWith("language.", StringComparison.Ordinal)) untranslated.Add($"{language.Code()}: {key}");
                if (language == Language.Ru && text.Contains(", plural,", StringComparison.Ordinal) && !(text.Contains("few {", StringComparison.Ordinal) && text.Contains("many {", StringComparison.Ordinal)))
                    untranslated.Add($"ru: {key} lacks few/many plural forms");
            }
        }

        Assert.Empty(untranslated);
    }

    [Fact]
    public void Every_message_renders_in_every_language_without_a_placeholder_left()
    {
        foreach (var code in Codes())
        {
            foreach (var wording in code.Variants.Cast<Wording>().Prepend(code))
            {
                foreach (var language in Languages.All)
                {
                    var template = Catalogue.TemplateOf(language, wording.Key, wording.VariantName);
                    var text = template.Render(_ => MessageValue.Integer(3), v => MessageCatalog.Default.In(language).Value(v), language);
                    Assert.DoesNotContain("{", text.Replace("{{", "", StringComparison.Ordinal), StringComparison.Ordinal);
                }
            }
        }
    }
}
