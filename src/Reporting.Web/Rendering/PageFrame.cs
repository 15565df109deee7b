using Reporting.Domain;
using Reporting.Domain.Text;
using Reporting.Web.Text;

namespace Reporting.Web.Rendering;

/// <summary>What every page's frame shows: the words in the reader's language, who is signed in, the development
/// marking, the form token and the page's own address (for the language links).</summary>
public sealed record PageFrame(Words Words, string Heading, string? UserLine, bool Development, bool SignedIn, string Csrf, string CurrentPath)
{
    public Language Language => Words.Language;

    public TextFormat Format => Words.Format;

    public string T(TextKey key) => Words[key];

    public string Say(Message message) => Words.Render(message);

    public string Term<T>(T value) where T : struct, Enum => Words[Terms.Of(value)];

    /// <summary>The same page in another language (the choice is remembered in a cookie).</summary>
    public string LanguageLink(Language language) => $"{CurrentPath}?lang={language.Code()}";

    public string PageTitle => $"{Heading} — {T(PortalTexts.Title)}";
}
