using Reporting.Domain.Text;

namespace Reporting.TestSupport;

/// <summary>Messages as an English reader sees them, for tests that check what a message says.</summary>
public static class English
{
    public static Words Words { get; } = MessageCatalog.Default.In(Language.En);

    public static string Say(this Message message) => Words.Render(message);
}
