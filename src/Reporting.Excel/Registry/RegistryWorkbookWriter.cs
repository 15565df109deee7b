using ClosedXML.Excel;
using Reporting.Domain;
using Reporting.Domain.Text;
using Reporting.Excel.Reading;
using Reporting.Excel.Writing;
using static Reporting.Excel.Registry.RegistryContract;

namespace Reporting.Excel.Registry;

/// <summary>
/// Writes a registry as a formatted workbook people can open and edit (and the parser reads back), with its
/// sheets, headers and listed values in one language; with an empty registry, it is the regulator's blank template.
/// </summary>
public static class RegistryWorkbookWriter
{
    public static void Write(Domain.Registry.Registry registry, Stream output, Language language = Language.En)
    {
        var words = MessageCatalog.Default.In(language);
        string Term<T>(T value) where T : struct, Enum => language == Language.En ? value.Code() : words[Terms.Of(value)];
        using var workbook = new XLWorkbook();
        var licences = Sheet(workbook, LicencesSheet, language,
        [
            (LicenceColumns.Licence, 14), (LicenceColumns.Bin, 15), (LicenceColumns.Company, 36), (LicenceColumns.Subtype, 9), (LicenceColumns.Zone, 10),
            (LicenceColumns.ValidFrom, 12), (LicenceColumns.ValidTo, 12), (LicenceColumns.Status, 12), (LicenceColumns.StatusSince, 13), (LicenceColumns.Language, 10),
        ]);
        var row = 2;
        foreach (var l in registry.Licences)
        {
            licences.Cell(row, 1).SetValue(l.Number);
            licences.Cell(row, 2).SetValue(l.Bin);
            licences.Cell(row, 2).Style.NumberFormat.Format = "@";
            licences.Cell(row, 3).SetValue(l.Company);
            licences.Cell(row, 4).SetValue(l.Subtype.ToString());
            licences.Cell(row, 5).SetValue(Term(l.Zone));
            Date(licences.Cell(row, 6), l.ValidFrom);
            Date(licences.Cell(row, 7), l.ValidTo);
            licences.Cell(row, 8).SetValue(Term(l.Status));
            if (l.StatusSince is { } since) Date(licences.Cell(row, 9), since);
            if (l.Language is { } preferred) licences.Cell(row, 10).SetValue(preferred.Code());
            row++;
        }

        var quotas = Sheet(workbook, QuotasSheet, language, [(QuotaColumns.Licence, 14), (QuotaColumns.Month, 10), (QuotaColumns.Kwh, 18)]);
        row = 2;
        foreach (var q in registry.Quotas)
        {
            quotas.Cell(row, 1).SetValue(q.Licence);
            quotas.Cell(row, 2).SetValue(q.Month.ToString());
            quotas.Cell(row, 3).SetValue(q.Kwh);
            quotas.Cell(row, 3).Style.NumberFormat.Format = "#,##0";
            row++;
        }

        var equipment = Sheet(workbook, EquipmentSheet, language,
            [(EquipmentColumns.Licence, 14), (EquipmentColumns.Model, 22), (EquipmentColumns.Serial, 22), (EquipmentColumns.RatedPowerW, 14), (EquipmentColumns.Units, 10)]);
        row = 2;
        foreach (var e in registry.Equipment)
        {
            equipment.Cell(row, 1).SetValue(e.Licence);
            equipment.Cell(row, 2).SetValue(e.Model);
            equipment.Cell(row, 3).SetValue(e.Serial);
            equipment.Cell(row, 4).SetValue(e.RatedPowerW);
            equipment.Cell(row, 5).SetValue(e.Units);
            row++;
        }

        var exchanges = Sheet(workbook, ExchangesSheet, language, [(ExchangeColumns.Code, 14), (ExchangeColumns.Name, 36)]);
        row = 2;
        foreach (var x in registry.Exchanges)
        {
            exchanges.Cell(row, 1).SetValue(x.Code);
            exchanges.Cell(row, 2).SetValue(x.Name);
            row++;
        }

        var users = Sheet(workbook, UsersSheet, language, [(UserColumns.User, 32), (UserColumns.Role, 12), (UserColumns.Licences, 40)]);
        row = 2;
        foreach (var u in registry.Users)
        {
            users.Cell(row, 1).SetValue(u.User);
            users.Cell(row, 2).SetValue(Term(u.Role));
            users.Cell(row, 3).SetValue(string.Join(", ", u.Licences));
            row++;
        }

        output.Write(PackageNormalizer.Save(workbook));
    }

    public static byte[] ToBytes(Domain.Registry.Registry registry, Language language = Language.En)
    {
        using var stream = new MemoryStream();
        Write(registry, stream, language);
        return stream.ToArray();
    }

    private static IXLWorksheet Sheet(XLWorkbook workbook, Heading name, Language language, (Heading Header, double Width)[] columns)
    {
        var sheet = workbook.Worksheets.Add(name.In(language));
        for (var i = 0; i < columns.Length; i++)
        {
            sheet.Cell(1, i + 1).SetValue(columns[i].Header.In(language));
            sheet.Cell(1, i + 1).Style.Font.Bold = true;
            sheet.Column(i + 1).Width = columns[i].Width;
        }

        sheet.SheetView.FreezeRows(1);
        return sheet;
    }

    private static void Date(IXLCell cell, DateOnly date)
    {
        cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
        cell.Style.NumberFormat.Format = "yyyy-mm-dd";
    }
}
