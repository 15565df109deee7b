using System.Globalization;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using static Reporting.Excel.Registry.RegistryContract;

namespace Reporting.Excel.Registry;

/// <summary>
/// Reads the registry workbook (sheets Licences, Quotas, Equipment, Exchanges) with the same strict
/// rules and validation report as miners' files. Quotas and equipment must name licences of the file.
/// </summary>
public sealed class RegistryWorkbookParser(WorkbookLimits limits)
{
    /// <summary>Limits for the registry: an official file, larger than a monthly report (a quota row per licence and month).</summary>
    public static WorkbookLimits DefaultLimits => new() { MaxBytes = 200_000_000, MaxRows = 1_000_000, MaxUncompressedBytes = 2L * 1024 * 1024 * 1024, MaxIssues = 1000 };

    public RegistryParseResult Parse(Stream workbook)
    {
        try
        {
            return ParseChecked(workbook);
        }
        catch (Exception e) when (XlsxPackage.IsAboutTheFile(e))
        {
            var issues = new IssueCollector(limits.MaxIssues);
            issues.Add(XlsxPackage.Unreadable(e));
            return new RegistryParseResult(null, issues.ToReport());
        }
    }

    private RegistryParseResult ParseChecked(Stream workbook)
    {
        var issues = new IssueCollector(limits.MaxIssues);
        var open = XlsxPackage.Open(workbook, limits);
        if (open.Package is null)
        {
            issues.Add(open.Rejection!);
            return new RegistryParseResult(null, issues.ToReport());
        }

        using var package = open.Package;
        try
        {
            // Every number on the Licences sheet, even of rows with other errors, so their quotas are not blamed too.
            var numbers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var licences = ReadLicences(package, issues, numbers);
            var quotas = ReadQuotas(package, issues, numbers);
            var equipment = ReadEquipment(package, issues, numbers);
            var exchanges = ReadExchanges(package, issues);
            var registry = new Domain.Registry.Registry(licences, quotas, equipment, exchanges);
            return new RegistryParseResult(issues.HasErrors ? null : registry, issues.ToReport());
        }
        catch (WorkbookRejectedException e)
        {
            issues.Add(e.Issue);
            return new RegistryParseResult(null, issues.ToReport());
        }
    }

    private List<Licence> ReadLicences(XlsxPackage package, IssueCollector issues, HashSet<string> numbers)
    {
        var list = new List<Licence>();
        var sheet = Sheet(package, LicencesSheet, issues);
        if (sheet is null) return list;
        var cells = new CellParser(sheet.Name, issues);
        var firstRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        ColumnSpec[] columns =
        [
            new(LicenceColumns.Licence, true), new(LicenceColumns.Bin, true), new(LicenceColumns.Company, true), new(LicenceColumns.Subtype, true), new(LicenceColumns.Zone, true),
            new(LicenceColumns.ValidFrom, true), new(LicenceColumns.ValidTo, true), new(LicenceColumns.Status, true), new(LicenceColumns.StatusSince, false),
        ];
        TableSheetReader.Read(package, sheet, columns, issues, limits.MaxRows, (h, row) =>
        {
            var number = cells.Text(row, h[LicenceColumns.Licence], LicenceColumns.Licence, true);
            if (number is not null) numbers.Add(number);
            var bin = Bin(cells, row, h[LicenceColumns.Bin]);
            var company = cells.Text(row, h[LicenceColumns.Company], LicenceColumns.Company, true);
            var subtype = Choice(cells, row, h[LicenceColumns.Subtype], LicenceColumns.Subtype, new Dictionary<string, LicenceSubtype> { ["i"] = LicenceSubtype.I, ["1"] = LicenceSubtype.I, ["ii"] = LicenceSubtype.II, ["2"] = LicenceSubtype.II });
            var zone = Choice(cells, row, h[LicenceColumns.Zone], LicenceColumns.Zone, Enum.GetValues<Zone>().ToDictionary(z => z.ToString().ToLowerInvariant()));
            var from = cells.Date(row, h[LicenceColumns.ValidFrom], LicenceColumns.ValidFrom, true);
            var to = cells.Date(row, h[LicenceColumns.ValidTo], LicenceColumns.ValidTo, true);
            var status = Choice(cells, row, h[LicenceColumns.Status], LicenceColumns.Status, Enum.GetValues<LicenceStatus>().ToDictionary(s => s.ToString().ToLowerInvariant()));
            var since = cells.Date(row, h[LicenceColumns.StatusSince], LicenceColumns.StatusSince, false);
            if (from is not null && to is not null && to < from)
            {
                cells.Error(IssueCodes.ConstraintError, row, h[LicenceColumns.ValidTo], to.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Valid to is before Valid from.");
                return;
            }

            if (number is null || bin is null || company is null || subtype is null || zone is null || from is null || to is null || status is null) return;
            if (firstRow.TryGetValue(number, out var first))
            {
                cells.Error(IssueCodes.DuplicateRow, row, h[LicenceColumns.Licence], number, $"Licence {number} is already listed in row {first}.");
                return;
            }

            firstRow[number] = row.Number;
            list.Add(new Licence(number, bin, company, subtype.Value, zone.Value, from.Value, to.Value, status.Value, since));
        });
        return list;
    }

    private List<GridQuota> ReadQuotas(XlsxPackage package, IssueCollector issues, HashSet<string> licences)
    {
        var list = new List<GridQuota>();
        var sheet = Sheet(package, QuotasSheet, issues);
        if (sheet is null) return list;
        var cells = new CellParser(sheet.Name, issues);
        var firstRow = new Dictionary<(string, Month), int>();
        ColumnSpec[] columns = [new(QuotaColumns.Licence, true), new(QuotaColumns.Month, true), new(QuotaColumns.Kwh, true)];
        TableSheetReader.Read(package, sheet, columns, issues, limits.MaxRows, (h, row) =>
        {
            var licence = KnownLicence(cells, row, h[QuotaColumns.Licence], licences);
            var month = MonthOf(cells, row, h[QuotaColumns.Month]);
            var kwh = NonNegative(cells, row, h[QuotaColumns.Kwh], QuotaColumns.Kwh);
            if (licence is null || month is null || kwh is null) return;
            var key = (licence.ToUpperInvariant(), month.Value);
            if (firstRow.TryGetValue(key, out var first))
            {
                cells.Error(IssueCodes.DuplicateRow, row, h[QuotaColumns.Licence], licence, $"The quota of {licence} for {month} is already given in row {first}.");
                return;
            }

            firstRow[key] = row.Number;
            list.Add(new GridQuota(licence, month.Value, kwh.Value));
        });
        return list;
    }

    private List<Domain.Registry.Equipment> ReadEquipment(XlsxPackage package, IssueCollector issues, HashSet<string> licences)
    {
        var list = new List<Domain.Registry.Equipment>();
        var sheet = Sheet(package, EquipmentSheet, issues);
        if (sheet is null) return list;
        var cells = new CellParser(sheet.Name, issues);
        ColumnSpec[] columns = [new(EquipmentColumns.Licence, true), new(EquipmentColumns.Model, true), new(EquipmentColumns.Serial, true), new(EquipmentColumns.RatedPowerW, true), new(EquipmentColumns.Units, true)];
        TableSheetReader.Read(package, sheet, columns, issues, limits.MaxRows, (h, row) =>
        {
            var licence = KnownLicence(cells, row, h[EquipmentColumns.Licence], licences);
            var model = cells.Text(row, h[EquipmentColumns.Model], EquipmentColumns.Model, true);
            var serial = cells.Text(row, h[EquipmentColumns.Serial], EquipmentColumns.Serial, true);
            var power = NonNegative(cells, row, h[EquipmentColumns.RatedPowerW], EquipmentColumns.RatedPowerW);
            var units = NonNegative(cells, row, h[EquipmentColumns.Units], EquipmentColumns.Units);
            if (units is { } u && (u != Math.Floor(u) || u > 1_000_000))
            {
                cells.Error(IssueCodes.ConstraintError, row, h[EquipmentColumns.Units], u.ToString(CultureInfo.InvariantCulture), "Units must be a whole number of at most 1,000,000.");
                return;
            }

            if (licence is null || model is null || serial is null || power is null || units is null) return;
            list.Add(new Domain.Registry.Equipment(licence, model, serial, power.Value, (int)units.Value));
        });
        return list;
    }

    private List<AifcExchange> ReadExchanges(XlsxPackage package, IssueCollector issues)
    {
        var list = new List<AifcExchange>();
        var sheet = Sheet(package, ExchangesSheet, issues);
        if (sheet is null) return list;
        var cells = new CellParser(sheet.Name, issues);
        TableSheetReader.Read(package, sheet, [new(ExchangeColumns.Code, true), new(ExchangeColumns.Name, true)], issues, limits.MaxRows, (h, row) =>
        {
            var code = cells.Text(row, h[ExchangeColumns.Code], ExchangeColumns.Code, true);
            var name = cells.Text(row, h[ExchangeColumns.Name], ExchangeColumns.Name, true);
            if (code is not null && name is not null) list.Add(new AifcExchange(code, name));
        });
        return list;
    }

    private static SheetInfo? Sheet(XlsxPackage package, string name, IssueCollector issues)
    {
        var sheet = package.FindSheet(name);
        if (sheet is null)
        {
            issues.Error(IssueCodes.MissingSheet, name, null, null,
                $"The registry workbook needs the sheets {LicencesSheet}, {QuotasSheet}, {EquipmentSheet} and {ExchangesSheet}; '{name}' is missing.");
        }

        return sheet;
    }

    private static string? Bin(CellParser cells, SheetRow row, int column)
    {
        var cell = row[column];
        var text = cell.Kind == CellKind.Number && cell.Number >= 0 && cell.Number < 1e12 && cell.Number == Math.Floor(cell.Number)
            ? ((long)cell.Number).ToString("D12", CultureInfo.InvariantCulture)
            : cells.Text(row, column, RegistryContract.LicenceColumns.Bin, true);
        if (text is null) return null;
        if (Domain.Registry.Bin.IsValid(text)) return text;
        cells.Error(IssueCodes.InvalidBin, row, column, text, $"'{text}' is not a valid BIN (12 digits with a valid check digit).");
        return null;
    }

    private static string? KnownLicence(CellParser cells, SheetRow row, int column, HashSet<string> licences)
    {
        var licence = cells.Text(row, column, "Licence", true);
        if (licence is null || licences.Contains(licence)) return licence;
        cells.Error(IssueCodes.ConstraintError, row, column, licence, $"Licence {licence} is not on the {LicencesSheet} sheet.");
        return null;
    }

    private static Month? MonthOf(CellParser cells, SheetRow row, int column)
    {
        var cell = row[column];
        if (cell.Kind == CellKind.Date && Month.TryOf(DateOnly.FromDateTime(cell.Date), out var dated)) return dated;
        var text = cells.Text(row, column, QuotaColumns.Month, true);
        if (text is null) return null;
        if (Month.TryParse(text, out var month)) return month;
        cells.Error(IssueCodes.InvalidPeriod, row, column, text, $"Month must be YYYY-MM (e.g. 2025-03), not '{text}'.");
        return null;
    }

    private static decimal? NonNegative(CellParser cells, SheetRow row, int column, string field)
    {
        var value = cells.Decimal(row, column, field, true);
        if (value is not < 0) return value;
        cells.Error(IssueCodes.ConstraintError, row, column, value.Value.ToString(CultureInfo.InvariantCulture), $"{field} cannot be negative.");
        return null;
    }

    private static T? Choice<T>(CellParser cells, SheetRow row, int column, string field, Dictionary<string, T> choices) where T : struct
    {
        var text = cells.Text(row, column, field, true);
        if (text is null) return null;
        if (choices.TryGetValue(text.Trim().ToLowerInvariant(), out var value)) return value;
        cells.Error(IssueCodes.ConstraintError, row, column, text, $"{field} must be one of: {string.Join(", ", choices.Keys)}; not '{text}'.");
        return null;
    }
}
