using Reporting.Domain.Text;

namespace Reporting.Excel.Templates;

/// <summary>The words of the blank templates: hints beside the Report sheet's labels, the Source dropdown's messages, the instructions.</summary>
public static class TemplateTexts
{
    public static readonly TextKey HintReportType = new("template.hint.report-type", "kind");
    public static readonly TextKey HintLicence = new("template.hint.licence");
    public static readonly TextKey HintBin = new("template.hint.bin");
    public static readonly TextKey HintCompany = new("template.hint.company");
    public static readonly TextKey HintPeriod = new("template.hint.period");
    public static readonly TextKey HintTemplateVersion = new("template.hint.template-version");
    public static readonly TextKey SourceErrorTitle = new("template.source.error-title");
    public static readonly TextKey SourceErrorMessage = new("template.source.error-message", "sources");
    public static readonly TextKey NumberErrorTitle = new("template.number.error-title");
    public static readonly TextKey NumberErrorMessage = new("template.number.error-message");
    public static readonly TextKey InstructionsTitle = new("template.instructions.title");
    public static readonly TextKey InstructionsReport = new("template.instructions.report");
    public static readonly TextKey InstructionsConsumption = new("template.instructions.consumption");
    public static readonly TextKey InstructionsSales = new("template.instructions.sales");
    public static readonly TextKey InstructionsSave = new("template.instructions.save");
    public static readonly TextKey ListsSheet = new("template.lists-sheet");
}
