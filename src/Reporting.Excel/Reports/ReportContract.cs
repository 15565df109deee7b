using Reporting.Domain.Reports;
using Reporting.Excel.Reading;

namespace Reporting.Excel.Reports;

/// <summary>
/// The names miners see in their workbooks: sheets, labels of the Report sheet, and column headers, each worded
/// in Kazakh, Russian and English by the catalogue and recognised in any of them (with the other spellings
/// listed here). The parser, the templates and docs/report-format.md all follow these.
/// </summary>
public static class ReportContract
{
    /// <summary>The template version the pipeline writes; files may carry any of <see cref="KnownTemplateVersions"/>.</summary>
    public const string TemplateVersion = "1.0";

    public static IReadOnlyList<string> KnownTemplateVersions { get; } = ["1.0", "1"];

    public static readonly Heading ReportSheet = new("sheet.report", "Отчёт");
    public static readonly Heading ConsumptionSheet = new("sheet.consumption", "Электроэнергия", "Электр энергиясы");
    public static readonly Heading MinedSheet = new("sheet.mined", "Добыто", "Получено", "Өндірілген", "Алынған");
    public static readonly Heading SoldSheet = new("sheet.sold", "Продано", "Реализовано", "Сатылған", "Өткізілген");
    public static readonly Heading InstructionsSheet = new("sheet.instructions");

    /// <summary>What the cells of the Report type label may say (codes, each language's word, usual synonyms).</summary>
    public static readonly ValueNames<ReportKind> ReportKinds = new(new Dictionary<ReportKind, string[]>
    {
        [ReportKind.Consumption] = ["потребление электроэнергии", "электр энергиясын тұтыну"],
        [ReportKind.Sales] = ["sale", "продажа", "продажи", "реализация", "сату", "өткізу"],
    });

    /// <summary>What the Source column may say.</summary>
    public static readonly ValueNames<EnergySource> Sources = new(new Dictionary<EnergySource, string[]>
    {
        [EnergySource.Grid] = ["ЕЭС", "ЕЭС РК", "сеть", "БЭЖ", "желі"],
        [EnergySource.Import] = ["импорт"],
        [EnergySource.Renewable] = ["ВИЭ", "ЖЭК", "RES"],
        [EnergySource.OwnGeneration] = ["own", "собственная генерация"],
        [EnergySource.OffGrid] = ["offgrid", "автономная", "автономды"],
    });

    public static class Labels
    {
        public static readonly Heading ReportType = new("label.report-type", "Type", "Тип отчета", "Вид отчета", "Есеп түрі", "Тип");
        public static readonly Heading Licence = new("label.licence", "License", "Licence number", "License number", "Licence no", "Лицензия", "Номер лицензии", "Лицензия №", "Лицензия нөмірі")
        {
            MaxLength = 40,
        };

        public static readonly Heading Bin = new("label.bin", "BIN/IIN", "БИН", "БИН/ИИН", "БСН", "БСН/ЖСН");
        public static readonly Heading Company = new("label.company", "Company name", "Компания", "Организация", "Наименование", "Ұйым", "Атауы") { MaxLength = 300 };
        public static readonly Heading Period = new("label.period", "Month", "Период", "Отчетный период", "Месяц", "Кезең", "Есепті кезең", "Ай");
        public static readonly Heading TemplateVersion = new("label.template-version", "Version", "Версия шаблона", "Шаблон нұсқасы");
    }

    public static class Consumption
    {
        public static readonly Heading Site = new("column.site", "Data centre", "Площадка", "ЦОД", "Алаң") { MaxLength = 200 };
        public static readonly Heading Meter = new("column.meter", "Meter number", "Счетчик", "Прибор учета", "Есептегіш") { MaxLength = 100 };
        public static readonly Heading Source = new("column.source", "Источник", "Көзі", "Көз");
        public static readonly Heading Kwh = new("column.kwh", "kWh", "кВт·ч", "кВтч", "кВт·сағ", "кВтсағ");
        public static readonly Heading CostKzt = new("column.cost-kzt", "Cost", "Cost, KZT", "Стоимость", "Стоимость, тенге", "Құны", "Құны, теңге");
    }

    public static class Mined
    {
        public static readonly Heading Asset = new("column.asset", "Актив", "Coin") { MaxLength = 10 };
        public static readonly Heading Quantity = new("column.quantity", "Amount", "Количество", "Саны");
        public static readonly Heading Received = new("column.received", "Distribution date", "Дата получения", "Дата распределения", "Алынған күні", "Бөлу күні");
        public static readonly Heading Pool = new("column.pool", "Пул") { MaxLength = 200 };
        public static readonly Heading Wallet = new("column.wallet", "Кошелек", "Криптокошелек", "Әмиян", "Криптоәмиян") { MaxLength = 200 };
    }

    public static class Sold
    {
        public static readonly Heading Asset = Mined.Asset;
        public static readonly Heading Quantity = Mined.Quantity;
        public static readonly Heading TradeDate = new("column.trade-date", "Дата сделки", "Дата торгов", "Мәміле күні", "Сауда-саттық күні");
        public static readonly Heading Exchange = new("column.exchange", "Биржа") { MaxLength = 200 };
        public static readonly Heading TradeId = new("column.trade-id", "Trade no", "Trade number", "Номер сделки", "ID сделки", "Мәміле нөмірі") { MaxLength = 100 };
        public static readonly Heading Price = new("column.price", "Цена", "Бағасы");
        public static readonly Heading Currency = new("column.currency", "Валюта", "Валютасы") { MaxLength = 10 };
    }
}
