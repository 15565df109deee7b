using Reporting.Domain.Text;

namespace Reporting.Excel.Reading;

/// <summary>Why a file cannot be read as a workbook (the reason of a not-a-workbook issue).</summary>
public static class ReadingTexts
{
    public static readonly TextKey ZipBroken = new("reason.zip-broken");
    public static readonly TextKey PartNotXml = new("reason.part-not-xml");
    public static readonly TextKey NoContentTypes = new("reason.no-content-types");
    public static readonly TextKey WorkbookPartMissing = new("reason.workbook-part-missing");
    public static readonly TextKey SheetXmlBroken = new("reason.sheet-xml-broken");
    public static readonly TextKey SharedStringsBroken = new("reason.shared-strings-broken");
    public static readonly TextKey StylesBroken = new("reason.styles-broken");
}
