namespace Reporting.Excel.Reading;

/// <summary>Excel's date serial numbers.</summary>
internal static class ExcelDates
{
    /// <summary>The date of a serial number in the 1900 (or 1904) date system; false outside Excel's range.</summary>
    public static bool TryFromSerial(double serial, bool date1904, out DateTime date)
    {
        date = default;
        if (date1904) serial += 1462;
        if (double.IsNaN(serial) || serial < 1 || serial > 2_958_465) return false;
        // Excel's 1900 date system counts a 29 February 1900 that never existed (serial 60).
        date = DateTime.FromOADate(serial < 61 ? serial + 1 : serial);
        return true;
    }
}
