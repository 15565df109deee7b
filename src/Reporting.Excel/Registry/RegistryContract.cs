using Reporting.Domain.Registry;
using Reporting.Domain.Text;
using Reporting.Excel.Reading;

namespace Reporting.Excel.Registry;

/// <summary>
/// The registry workbook: the state's reference data the pipeline checks reports against, and the portal's
/// users. Sheets and headers are worded in Kazakh, Russian and English and recognised in any of them
/// (docs/registry-format.md describes every sheet and column).
/// </summary>
public static class RegistryContract
{
    public static readonly Heading LicencesSheet = new("sheet.licences", "Licenses", "Лицензии", "Лицензиялар");
    public static readonly Heading QuotasSheet = new("sheet.quotas", "Квоты", "Квоталар");
    public static readonly Heading EquipmentSheet = new("sheet.equipment", "Оборудование", "Жабдық");
    public static readonly Heading ExchangesSheet = new("sheet.exchanges", "Биржи", "Биржалар");
    public static readonly Heading UsersSheet = new("sheet.users", "Пользователи", "Пайдаланушылар");

    public static readonly ValueNames<LicenceSubtype> Subtypes = new(new Dictionary<LicenceSubtype, string[]>
    {
        [LicenceSubtype.I] = ["1"],
        [LicenceSubtype.II] = ["2"],
    });

    public static readonly ValueNames<Zone> Zones = new();
    public static readonly ValueNames<LicenceStatus> Statuses = new();
    public static readonly ValueNames<Language> LanguageNames = new(new Dictionary<Language, string[]>
    {
        [Language.Kk] = ["kazakh", "қазақ", "каз", "kaz"],
        [Language.Ru] = ["russian", "русский", "рус", "rus"],
        [Language.En] = ["english", "английский", "eng"],
    });

    public static readonly ValueNames<UserRole> Roles = new();

    public static class LicenceColumns
    {
        public static readonly Heading Licence = new("label.licence", "License", "Licence number", "Лицензия", "Номер лицензии", "Лицензия нөмірі") { MaxLength = 40 };
        public static readonly Heading Bin = new("label.bin", "BIN/IIN", "БИН", "БСН");
        public static readonly Heading Company = new("label.company", "Компания", "Организация", "Ұйым") { MaxLength = 300 };
        public static readonly Heading Subtype = new("column.subtype", "Подвид", "Кіші түрі");
        public static readonly Heading Zone = new("column.zone", "Зона", "Аймақ");
        public static readonly Heading ValidFrom = new("column.valid-from", "Действует с", "Бастап");
        public static readonly Heading ValidTo = new("column.valid-to", "Действует по", "Дейін");
        public static readonly Heading Status = new("column.status", "Статус", "Мәртебесі");
        public static readonly Heading StatusSince = new("column.status-since", "Статус с");
        public static readonly Heading Language = new("column.language", "Язык", "Тіл");
    }

    public static class QuotaColumns
    {
        public static readonly Heading Licence = LicenceColumns.Licence;
        public static readonly Heading Month = new("column.month", "Месяц", "Ай");
        public static readonly Heading Kwh = Reports.ReportContract.Consumption.Kwh;
    }

    public static class EquipmentColumns
    {
        public static readonly Heading Licence = LicenceColumns.Licence;
        public static readonly Heading Model = new("column.model", "Модель", "Үлгісі") { MaxLength = 200 };
        public static readonly Heading Serial = new("column.serial", "Serial number", "Серийный номер", "Сериялық нөмірі") { MaxLength = 100 };
        public static readonly Heading RatedPowerW = new("column.rated-power-w", "Rated power", "Мощность, Вт", "Номинальная мощность, Вт", "Қуаты, Вт");
        public static readonly Heading Units = new("column.units", "Количество", "Саны");
    }

    public static class ExchangeColumns
    {
        public static readonly Heading Code = new("column.code", "Код", "Коды") { MaxLength = 50 };
        public static readonly Heading Name = new("column.name", "Наименование", "Атауы") { MaxLength = 200 };
    }

    public static class UserColumns
    {
        public static readonly Heading User = new("column.user", "E-mail", "Email", "Пользователь", "Пайдаланушы") { MaxLength = 320 };
        public static readonly Heading Role = new("column.role", "Роль", "Рөлі");
        public static readonly Heading Licences = new("column.licences", "Лицензии", "Лицензиялар") { MaxLength = 2000 };
    }
}
