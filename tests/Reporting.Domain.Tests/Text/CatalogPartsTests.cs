using System.Text;
using Reporting.Domain.Text;

namespace Reporting.Domain.Tests.Text;

/// <summary>The catalogue is read from several parts (one file per part and language); a key belongs to one part.</summary>
public sealed class CatalogPartsTests
{
    private static Stream Json(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Texts_of_every_part_are_found_and_codes_may_live_in_any_part()
    {
        var catalogue = MessageCatalog.Load(["core", "portal"], (part, language) => Json(part == "core"
            ? $$$"""{"codes":{"bad-cell":{"title":"T {{{language}}}","description":"D","message":"Cell {cell} is bad"}},"texts":{"a":"A {{{language}}}"}}"""
            : $$$"""{"texts":{"portal.b":"B {{{language}}}"}}"""));

        Assert.Equal("A ru", catalogue.In(Language.Ru)[new TextKey("a")]);
        Assert.Equal("B kk", catalogue.In(Language.Kk)[new TextKey("portal.b")]);
        Assert.Equal("T en", catalogue.In(Language.En).Title("bad-cell"));
    }

    [Fact]
    public void A_key_defined_by_two_parts_is_refused_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            MessageCatalog.Load(["core", "portal"], (_, _) => Json("""{"texts":{"same.key":"x"}}""")));

        Assert.Contains("'same.key' is defined twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_catalogue_has_its_core_part()
    {
        Assert.Contains("archive-too-large", MessageCatalog.Default.Codes(Language.Kk));
    }
}
