using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using static Reporting.Excel.Reports.ReportContract;

namespace Reporting.Excel.Reports;

/// <summary>Reads the "Consumption" sheet: one row per site, meter and source.</summary>
internal static class ConsumptionSheetReader
{
    private static readonly ColumnSpec[] Columns =
    [
        new(Consumption.Site, Required: true),
        new(Consumption.Meter, Required: true),
        new(Consumption.Source, Required: true),
        new(Consumption.Kwh, Required: true),
        // Required only when the sheet has grid or import rows; checked below.
        new(Consumption.CostKzt, Required: false),
    ];

    public static List<ConsumptionRow> Read(XlsxPackage package, IssueCollector issues, int maxRows)
    {
        var rows = new List<ConsumptionRow>();
        var sheet = package.FindSheet(ConsumptionSheet);
        if (sheet is null)
        {
            issues.Error(IssueCodes.MissingSheet.With(("sheet", ConsumptionSheet.Term), ("sheets", ReportSheetReader.SheetList(package))));
            return rows;
        }

        var cells = new CellParser(sheet.Name, issues);
        var firstRowOfKey = new Dictionary<RowKey, int>(RowKeyComparer.Instance);
        var costColumnReported = false;
        ColumnIndexes? at = null;

        var header = TableSheetReader.Read(package, sheet, Columns, issues, maxRows, (header, row) =>
        {
            // The header is the same for every row: look its columns up once.
            at ??= new ColumnIndexes(header[Consumption.Site], header[Consumption.Meter], header[Consumption.Source], header[Consumption.Kwh], header[Consumption.CostKzt]);
            var site = cells.Text(row, at.Site, Consumption.Site, required: true);
            var meter = cells.Text(row, at.Meter, Consumption.Meter, required: false);
            var sourceColumn = at.Source;
            var sourceText = cells.Text(row, sourceColumn, Consumption.Source, required: true);
            EnergySource? source = null;
            if (sourceText is not null)
            {
                if (Sources.TryParse(sourceText, out var parsed)) source = parsed;
                else cells.Error(IssueCodes.UnknownSource.With(("text", sourceText), ("sources", MessageValue.List(EnergySources.All.Select(Terms.Term)))), row, sourceColumn, sourceText);
            }

            var kwhColumn = at.Kwh;
            var kwh = cells.Decimal(row, kwhColumn, Consumption.Kwh, required: true);
            if (kwh < 0)
            {
                cells.Error(IssueCodes.ConstraintKwhNegative.With(("field", Consumption.Kwh.Term)), row, kwhColumn, kwh.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                kwh = null;
            }

            var needsCost = source is EnergySource.Grid or EnergySource.Import;
            var costColumn = at.Cost;
            if (needsCost && costColumn == 0 && !costColumnReported)
            {
                issues.Error(IssueCodes.MissingColumnRequiredByRows.With(("column", Consumption.CostKzt.Term), ("found", MessageValue.Texts(header.Found))), sheet.Name);
                costColumnReported = true;
            }

            var cost = cells.Decimal(row, costColumn, Consumption.CostKzt, required: needsCost);
            if (cost < 0)
            {
                cells.Error(IssueCodes.ConstraintNegative.With(("field", Consumption.CostKzt.Term)), row, costColumn, cost.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                cost = null;
            }

            if (site is null || source is null || kwh is null || (needsCost && cost is null)) return;

            var key = new RowKey(site, meter ?? "", source.Value);
            if (firstRowOfKey.TryGetValue(key, out var first))
            {
                cells.Error(IssueCodes.DuplicateRowConsumption.With(("row", row.Number), ("site", site), ("meter", meter ?? "—"), ("source", Terms.Term(source.Value)), ("first_row", first)),
                    row, at.Site, site);
                return;
            }

            firstRowOfKey[key] = row.Number;
            rows.Add(new ConsumptionRow(row.Number, site, string.IsNullOrWhiteSpace(meter) ? null : meter, source.Value, kwh.Value, cost));
        });

        if (header is not null && rows.Count == 0 && !issues.HasErrors)
        {
            issues.Warning(IssueCodes.NoDataRows.With(("sheet", ConsumptionSheet.Term)), sheet.Name);
        }

        return rows;
    }

    private sealed record ColumnIndexes(int Site, int Meter, int Source, int Kwh, int Cost);

    /// <summary>What makes a row unique: site, meter and source, ignoring letter case (references the row's own strings).</summary>
    private readonly record struct RowKey(string Site, string Meter, EnergySource Source);

    private sealed class RowKeyComparer : IEqualityComparer<RowKey>
    {
        public static readonly RowKeyComparer Instance = new();

        public bool Equals(RowKey x, RowKey y) =>
            x.Source == y.Source && string.Equals(x.Site, y.Site, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Meter, y.Meter, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode(RowKey key) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(key.Site), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Meter), key.Source);
    }
}
