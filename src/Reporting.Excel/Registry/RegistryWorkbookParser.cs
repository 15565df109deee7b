using System.Globalization;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using static Reporting.Excel.Registry.RegistryContract;

namespace Reporting.Excel.Registry;

/// <summary>
/// Reads the registry workbook (sheets Licences, Quotas, Equipment, Exchanges, and optionally Users) with the same
/// strict rules and validation report as miners' files. Quotas, equipment and users must name licences of the file.
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
        catch (Exception e) when (XlsxPackage.IsDamage(e))
        {
            var issues = new IssueCollector(limits.MaxIssues);
            issues.Add(ValidationIssue.Error(IssueCodes.NotAWorkbook.With(("reason", MessageValue.Term(ReadingTexts.PartNotXml)))));
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
            var users = ReadUsers(package, issues, numbers);
            var registry = new Domain.Registry.Registry(licences, quotas, equipment, exchanges) { Users = users };
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
            new(LicenceColumns.Language, false),
        ];
        TableSheetReader.Read(package, sheet, columns, issues, limits.MaxRows, (h, row) =>
        {
            var number = cells.Text(row, h[LicenceColumns.Licence], LicenceColumns.Licence, true);
            if (number is not null) numbers.Add(number);
            var bin = Bin(cells, row, h[LicenceColumns.Bin]);
            var company = cells.Text(row, h[LicenceColumns.Company], LicenceColumns.Company, true);
            var subtype = Choice(cells, row, h[LicenceColumns.Subtype], LicenceColumns.Subtype, Subtypes, true);
            var zone = Choice(cells, row, h[LicenceColumns.Zone], LicenceColumns.Zone, Zones, true);
            var from = cells.Date(row, h[LicenceColumns.ValidFrom], LicenceColumns.ValidFrom, true);
            var to = cells.Date(row, h[LicenceColumns.ValidTo], LicenceColumns.ValidTo, true);
            var status = Choice(cells, row, h[LicenceColumns.Status], LicenceColumns.Status, Statuses, true);
            var since = cells.Date(row, h[LicenceColumns.StatusSince], LicenceColumns.StatusSince, false);
            var language = Choice(cells, row, h[LicenceColumns.Language], LicenceColumns.Language, LanguageNames, false);
            if (from is not null && to is not null && to < from)
            {
                cells.Error(IssueCodes.ConstraintEndBeforeStart.With(("field", LicenceColumns.ValidTo.Term), ("start", LicenceColumns.ValidFrom.Term)),
                    row, h[LicenceColumns.ValidTo], to.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return;
            }

            if (number is null || bin is null || company is null || subtype is null || zone is null || from is null || to is null || status is null) return;
            if (firstRow.TryGetValue(number, out var first))
            {
                cells.Error(IssueCodes.DuplicateRowLicence.With(("licence", number), ("first_row", first)), row, h[LicenceColumns.Licence], number);
                return;
            }

            firstRow[number] = row.Number;
            list.Add(new Licence(number, bin, company, subtype.Value, zone.Value, from.Value, to.Value, status.Value, since) { Language = language });
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
                cells.Error(IssueCodes.DuplicateRowQuota.With(("licence", licence), ("month", MessageValue.Month(month.Value)), ("first_row", first)), row, h[QuotaColumns.Licence], licence);
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
            if (units is { } u && (u != Math.Floor(u) || u > MaxUnits))
            {
                cells.Error(IssueCodes.ConstraintWholeNumber.With(("field", EquipmentColumns.Units.Term), ("max", MaxUnits)), row, h[EquipmentColumns.Units], u.ToString(CultureInfo.InvariantCulture));
                return;
            }

            if (licence is null || model is null || serial is null || power is null || units is null) return;
            list.Add(new Domain.Registry.Equipment(licence, model, serial, power.Value, (int)units.Value));
        });
        return list;
    }

    private const int MaxUnits = 1_000_000;

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

    /// <summary>The portal's users (optional sheet: a registry without it gives nobody access to the portal).</summary>
    private List<RegistryUser> ReadUsers(XlsxPackage package, IssueCollector issues, HashSet<string> licences)
    {
        var list = new List<RegistryUser>();
        var sheet = package.FindSheet(UsersSheet);
        if (sheet is null) return list;
        var cells = new CellParser(sheet.Name, issues);
        var firstRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        ColumnSpec[] columns = [new(UserColumns.User, true), new(UserColumns.Role, true), new(UserColumns.Licences, false)];
        TableSheetReader.Read(package, sheet, columns, issues, limits.MaxRows, (h, row) =>
        {
            var user = cells.Text(row, h[UserColumns.User], UserColumns.User, true);
            var role = Choice(cells, row, h[UserColumns.Role], UserColumns.Role, Roles, true);
            var listed = cells.Text(row, h[UserColumns.Licences], UserColumns.Licences, false);
            var userLicences = (listed ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = userLicences.FirstOrDefault(l => !licences.Contains(l));
            if (unknown is not null)
            {
                cells.Error(IssueCodes.ConstraintUnknownLicence.With(("licence", unknown), ("sheet", LicencesSheet.Term)),
                    row, h[UserColumns.Licences], listed);
                return;
            }

            if (role == UserRole.Miner && userLicences.Length == 0)
            {
                cells.Error(IssueCodes.MissingValue.With(("field", UserColumns.Licences.Term)), row, h[UserColumns.Licences], null);
                return;
            }

            if (user is null || role is null) return;
            if (firstRow.TryGetValue(user, out var first))
            {
                cells.Error(IssueCodes.DuplicateRowUser.With(("user", user), ("first_row", first)), row, h[UserColumns.User], user);
                return;
            }

            firstRow[user] = row.Number;
            list.Add(new RegistryUser(user, role.Value, role == UserRole.Miner ? userLicences : []));
        });
        return list;
    }

    private static SheetInfo? Sheet(XlsxPackage package, Heading name, IssueCollector issues)
    {
        var sheet = package.FindSheet(name);
        if (sheet is null)
        {
            issues.Error(IssueCodes.MissingSheetRegistry.With(("sheet", name.Term),
                ("sheets", MessageValue.List(new[] { LicencesSheet, QuotasSheet, EquipmentSheet, ExchangesSheet }.Select(s => s.Term)))));
        }

        return sheet;
    }

    private static string? Bin(CellParser cells, SheetRow row, int column)
    {
        var cell = row[column];
        var text = cell.Kind == CellKind.Number && cell.Number >= 0 && cell.Number < 1e12 && cell.Number == Math.Floor(cell.Number)
            ? ((long)cell.Number).ToString("D12", CultureInfo.InvariantCulture)
            : cells.Text(row, column, LicenceColumns.Bin, true);
        if (text is null) return null;
        if (Domain.Registry.Bin.IsValid(text)) return text;
        cells.Error(IssueCodes.InvalidBin.With(("text", text)), row, column, text);
        return null;
    }

    private static string? KnownLicence(CellParser cells, SheetRow row, int column, HashSet<string> licences)
    {
        var licence = cells.Text(row, column, LicenceColumns.Licence, true);
        if (licence is null || licences.Contains(licence)) return licence;
        cells.Error(IssueCodes.ConstraintUnknownLicence.With(("licence", licence), ("sheet", LicencesSheet.Term)), row, column, licence);
        return null;
    }

    private static Month? MonthOf(CellParser cells, SheetRow row, int column)
    {
        var cell = row[column];
        if (cell.Kind == CellKind.Date && Month.TryOf(DateOnly.FromDateTime(cell.Date), out var dated)) return dated;
        var text = cells.Text(row, column, QuotaColumns.Month, true);
        if (text is null) return null;
        if (Month.TryParse(text, out var month)) return month;
        cells.Error(IssueCodes.InvalidPeriodMonth.With(("field", QuotaColumns.Month.Term), ("text", text)), row, column, text);
        return null;
    }

    private static decimal? NonNegative(CellParser cells, SheetRow row, int column, Heading field)
    {
        var value = cells.Decimal(row, column, field, true);
        if (value is not < 0) return value;
        cells.Error(IssueCodes.ConstraintNegative.With(("field", field.Term)), row, column, value.Value.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    private static T? Choice<T>(CellParser cells, SheetRow row, int column, Heading field, ValueNames<T> names, bool required) where T : struct, Enum
    {
        var text = cells.Text(row, column, field, required);
        if (text is null) return null;
        if (names.TryParse(text, out var value)) return value;
        cells.Error(IssueCodes.ConstraintChoice.With(("field", field.Term), ("choices", MessageValue.List(Enum.GetValues<T>().Select(Terms.Term))), ("text", text)), row, column, text);
        return null;
    }
}
