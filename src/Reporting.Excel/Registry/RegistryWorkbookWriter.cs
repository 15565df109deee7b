using ClosedXML.Excel;
using Reporting.Excel.Writing;
using static Reporting.Excel.Registry.RegistryContract;

namespace Reporting.Excel.Registry;

/// <summary>Writes a registry as a formatted workbook people can open and edit (and the parser reads back).</summary>
public static class RegistryWorkbookWriter
{
    public static void Write(Domain.Registry.Registry registry, Stream output)
    {
        using var workbook = new XLWorkbook();
        var licences = Sheet(workbook, LicencesSheet,
            [(LicenceColumns.Licence, 14), (LicenceColumns.Bin, 15), (LicenceColumns.Company, 36), (LicenceColumns.Subtype, 9), (LicenceColumns.Zone, 9), (LicenceColumns.ValidFrom, 12), (LicenceColumns.ValidTo, 12), (LicenceColumns.Status, 11), (LicenceColumns.StatusSince, 13)]);
        var row = 2;
        foreach (var l in registry.Licences)
        {
            licences.Cell(row, 1).SetValue(l.Number);
            licences.Cell(row, 2).SetValue(l.Bin);
            licences.Cell(row, 3).SetValue(l.Company);
            licences.Cell(row, 4).SetValue(l.Subtype.ToString());
            licences.Cell(row, 5).SetValue(l.Zone.ToString());
            Date(licences.Cell(row, 6), l.ValidFrom);
            Date(licences.Cell(row, 7), l.ValidTo);
            licences.Cell(row, 8).SetValue(l.Status.ToString().ToLowerInvariant());
            if (l.StatusSince is { } since) Date(licences.Cell(row, 9), since);
            row++;
        }

        var quotas = Sheet(workbook, QuotasSheet, [(QuotaColumns.Licence, 14), (QuotaColumns.Month, 10), (QuotaColumns.Kwh, 18)]);
        row = 2;
        foreach (var q in registry.Quotas)
        {
            quotas.Cell(row, 1).SetValue(q.Licence);
            quotas.Cell(row, 2).SetValue(q.Month.ToString());
            quotas.Cell(row, 3).SetValue(q.Kwh);
            quotas.Cell(row, 3).Style.NumberFormat.Format = "#,##0";
            row++;
        }

        var equipment = Sheet(workbook, EquipmentSheet, [(EquipmentColumns.Licence, 14), (EquipmentColumns.Model, 22), (EquipmentColumns.Serial, 22), (EquipmentColumns.RatedPowerW, 14), (EquipmentColumns.Units, 10)]);
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

        var exchanges = Sheet(workbook, ExchangesSheet, [(ExchangeColumns.Code, 14), (ExchangeColumns.Name, 36)]);
        row = 2;
        foreach (var x in registry.Exchanges)
        {
            exchanges.Cell(row, 1).SetValue(x.Code);
            exchanges.Cell(row, 2).SetValue(x.Name);
            row++;
        }

        output.Write(PackageNormalizer.Save(workbook));
    }

    public static byte[] ToBytes(Domain.Registry.Registry registry)
    {
        using var stream = new MemoryStream();
        Write(registry, stream);
        return stream.ToArray();
    }

    private static IXLWorksheet Sheet(XLWorkbook workbook, string name, (string Header, double Width)[] columns)
    {
        var sheet = workbook.Worksheets.Add(name);
        for (var i = 0; i < columns.Length; i++)
        {
            sheet.Cell(1, i + 1).SetValue(columns[i].Header);
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
