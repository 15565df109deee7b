namespace Reporting.Excel.Registry;

/// <summary>The registry workbook: the state's reference data the pipeline checks reports against.</summary>
public static class RegistryContract
{
    public const string LicencesSheet = "Licences";
    public const string QuotasSheet = "Quotas";
    public const string EquipmentSheet = "Equipment";
    public const string ExchangesSheet = "Exchanges";

    public static class LicenceColumns
    {
        public const string Licence = "Licence";
        public const string Bin = "BIN";
        public const string Company = "Company";
        public const string Subtype = "Subtype";
        public const string Zone = "Zone";
        public const string ValidFrom = "Valid from";
        public const string ValidTo = "Valid to";
        public const string Status = "Status";
        public const string StatusSince = "Status since";
    }

    public static class QuotaColumns
    {
        public const string Licence = "Licence";
        public const string Month = "Month";
        public const string Kwh = "kWh";
    }

    public static class EquipmentColumns
    {
        public const string Licence = "Licence";
        public const string Model = "Model";
        public const string Serial = "Serial";
        public const string RatedPowerW = "Rated power W";
        public const string Units = "Units";
    }

    public static class ExchangeColumns
    {
        public const string Code = "Code";
        public const string Name = "Name";
    }
}
