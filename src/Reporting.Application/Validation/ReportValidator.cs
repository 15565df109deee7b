using Reporting.Domain.Text;
using Reporting.Excel.Reports;

namespace Reporting.Application.Validation;

/// <summary>Validates miners' workbooks offline (the `reporting validate` command; the same parser ingestion uses).</summary>
public sealed class ReportValidator(MonthReportParser parser)
{
    public MonthReportParseResult Parse(Stream workbook) => parser.Parse(workbook);

    public FileValidation ValidateFile(string path, Language language)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return FileValidation.From(path, parser.Parse(stream), MessageCatalog.Default.In(language));
    }
}
