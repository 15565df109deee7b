namespace Reporting.Excel.Reports;

/// <summary>
/// The names miners see in their workbooks: sheets, labels of the Report sheet, and column headers.
/// The parser, the templates and docs/report-format.md all follow these.
/// </summary>
public static class ReportContract
{
    /// <summary>The template version the pipeline writes; files may carry any of <see cref="KnownTemplateVersions"/>.</summary>
    public const string TemplateVersion = "1.0";

    public static IReadOnlyList<string> KnownTemplateVersions { get; } = ["1.0", "1"];

    public const string ReportSheet = "Report";
    public const string ConsumptionSheet = "Consumption";
    public const string MinedSheet = "Mined";
    public const string SoldSheet = "Sold";
    public const string InstructionsSheet = "Instructions";

    public static class Labels
    {
        public const string ReportType = "Report type";
        public const string Licence = "Licence";
        public const string Bin = "BIN";
        public const string Company = "Company";
        public const string Period = "Period";
        public const string TemplateVersion = "Template version";
    }

    public static class Consumption
    {
        public const string Site = "Site";
        public const string Meter = "Meter";
        public const string Source = "Source";
        public const string Kwh = "kWh";
        public const string CostKzt = "Cost KZT";
    }

    public static class Mined
    {
        public const string Asset = "Asset";
        public const string Quantity = "Quantity";
        public const string Received = "Received";
        public const string Pool = "Pool";
        public const string Wallet = "Wallet";
    }

    public static class Sold
    {
        public const string Asset = "Asset";
        public const string Quantity = "Quantity";
        public const string TradeDate = "Trade date";
        public const string Exchange = "Exchange";
        public const string TradeId = "Trade ID";
        public const string Price = "Price";
        public const string Currency = "Currency";
    }
}
