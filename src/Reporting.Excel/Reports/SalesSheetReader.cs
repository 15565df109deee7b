using System.Globalization;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using static Reporting.Excel.Reports.ReportContract;

namespace Reporting.Excel.Reports;

/// <summary>Reads the "Mined" and "Sold" sheets of a sales report. Either may have no data rows.</summary>
internal static class SalesSheetReader
{
    private static readonly ColumnSpec[] MinedColumns =
    [
        new(Mined.Asset, Required: true),
        new(Mined.Quantity, Required: true),
        new(Mined.Received, Required: true),
        new(Mined.Pool, Required: true),
        new(Mined.Wallet, Required: true),
    ];

    private static readonly ColumnSpec[] SoldColumns =
    [
        new(Sold.Asset, Required: true),
        new(Sold.Quantity, Required: true),
        new(Sold.TradeDate, Required: true),
        new(Sold.Exchange, Required: true),
        new(Sold.TradeId, Required: true),
        new(Sold.Price, Required: false),
        new(Sold.Currency, Required: false),
    ];

    public static List<MinedRow> ReadMined(XlsxPackage package, IssueCollector issues, int maxRows, Month? period)
    {
        var rows = new List<MinedRow>();
        var sheet = FindOrReport(package, MinedSheet, issues);
        if (sheet is null) return rows;
        var cells = new CellParser(sheet.Name, issues);
        var firstRowOfKey = new Dictionary<string, int>(StringComparer.Ordinal);

        TableSheetReader.Read(package, sheet, MinedColumns, issues, maxRows, (header, row) =>
        {
            var asset = Asset(cells, row, header[Mined.Asset], Mined.Asset, required: true);
            var quantity = PositiveQuantity(cells, row, header[Mined.Quantity], Mined.Quantity);
            var received = DateInPeriod(cells, row, header[Mined.Received], Mined.Received, period);
            var pool = cells.Text(row, header[Mined.Pool], Mined.Pool, required: true);
            var wallet = cells.Text(row, header[Mined.Wallet], Mined.Wallet, required: true);
            if (asset is null || quantity is null || received is null || pool is null || wallet is null) return;

            var key = string.Join('\u0001', asset, quantity.Value.ToString(CultureInfo.InvariantCulture), received.Value.ToString("O", CultureInfo.InvariantCulture), pool, wallet);
            if (firstRowOfKey.TryGetValue(key, out var first))
            {
                cells.Warning(IssueCodes.DuplicateRowMined.With(("row", row.Number), ("first_row", first)), row, header[Mined.Asset], asset);
            }
            else
            {
                firstRowOfKey[key] = row.Number;
            }

            rows.Add(new MinedRow(row.Number, asset, quantity.Value, received.Value, pool, wallet));
        });

        return rows;
    }

    public static List<SoldRow> ReadSold(XlsxPackage package, IssueCollector issues, int maxRows, Month? period)
    {
        var rows = new List<SoldRow>();
        var sheet = FindOrReport(package, SoldSheet, issues);
        if (sheet is null) return rows;
        var cells = new CellParser(sheet.Name, issues);
        var firstRowOfTrade = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        TableSheetReader.Read(package, sheet, SoldColumns, issues, maxRows, (header, row) =>
        {
            var asset = Asset(cells, row, header[Sold.Asset], Sold.Asset, required: true);
            var quantity = PositiveQuantity(cells, row, header[Sold.Quantity], Sold.Quantity);
            var tradeDate = DateInPeriod(cells, row, header[Sold.TradeDate], Sold.TradeDate, period);
            var exchange = cells.Text(row, header[Sold.Exchange], Sold.Exchange, required: true);
            var tradeIdColumn = header[Sold.TradeId];
            var tradeId = cells.Text(row, tradeIdColumn, Sold.TradeId, required: true);
            var priceColumn = header[Sold.Price];
            var price = cells.Decimal(row, priceColumn, Sold.Price, required: false);
            if (price < 0)
            {
                cells.Error(IssueCodes.ConstraintNegative.With(("field", Sold.Price.Term)), row, priceColumn, price.Value.ToString(CultureInfo.InvariantCulture));
                price = null;
            }

            var currency = Asset(cells, row, header[Sold.Currency], Sold.Currency, required: false);
            if (price is not null && currency is null && header[Sold.Currency] != 0 && row[header[Sold.Currency]].IsEmpty)
            {
                cells.Warning(IssueCodes.MissingValueCurrency.With(("field", Sold.Currency.Term)), row, header[Sold.Currency], null);
            }

            if (tradeId is not null)
            {
                if (firstRowOfTrade.TryGetValue(tradeId, out var first))
                {
                    cells.Error(IssueCodes.DuplicateTradeId.With(("trade_id", tradeId), ("first_row", first)), row, tradeIdColumn, tradeId);
                    return;
                }

                firstRowOfTrade[tradeId] = row.Number;
            }

            if (asset is null || quantity is null || tradeDate is null || exchange is null || tradeId is null) return;
            rows.Add(new SoldRow(row.Number, asset, quantity.Value, tradeDate.Value, exchange, tradeId, price, currency));
        });

        return rows;
    }

    private static SheetInfo? FindOrReport(XlsxPackage package, Heading name, IssueCollector issues)
    {
        var sheet = package.FindSheet(name);
        if (sheet is null)
        {
            issues.Error(IssueCodes.MissingSheetSales.With(("sheet", name.Term), ("mined", MinedSheet.Term), ("sold", SoldSheet.Term), ("sheets", ReportSheetReader.SheetList(package))));
        }

        return sheet;
    }

    /// <summary>A ticker such as BTC or USDT: 2-10 letters or digits, stored upper-case.</summary>
    private static string? Asset(CellParser cells, SheetRow row, int column, Heading field, bool required)
    {
        var text = cells.Text(row, column, field, required);
        if (text is null) return null;
        var ticker = text.Trim().ToUpperInvariant();
        if (ticker.Length is < 2 or > 10 || !ticker.All(char.IsAsciiLetterOrDigit))
        {
            cells.Error(IssueCodes.ConstraintTicker.With(("field", field.Term), ("text", text)), row, column, text);
            return null;
        }

        return ticker;
    }

    private static decimal? PositiveQuantity(CellParser cells, SheetRow row, int column, Heading field)
    {
        var quantity = cells.Decimal(row, column, field, required: true);
        if (quantity is <= 0)
        {
            cells.Error(IssueCodes.ConstraintNotPositive.With(("field", field.Term)), row, column, quantity.Value.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        return quantity;
    }

    private static DateOnly? DateInPeriod(CellParser cells, SheetRow row, int column, Heading field, Month? period)
    {
        var date = cells.Date(row, column, field, required: true);
        if (date is { } d && period is { } p && !p.Contains(d))
        {
            var text = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            cells.Error(Month.TryOf(d, out var other)
                    ? IssueCodes.DateOutsidePeriod.With(("field", field.Term), ("date", MessageValue.Date(d)), ("period", MessageValue.Month(p)), ("month", MessageValue.Month(other)))
                    : IssueCodes.DateOutsidePeriodYear.With(("field", field.Term), ("date", MessageValue.Date(d)), ("period", MessageValue.Month(p))),
                row, column, text);
            return null;
        }

        return date;
    }
}
