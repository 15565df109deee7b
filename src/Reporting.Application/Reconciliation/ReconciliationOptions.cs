using System.ComponentModel.DataAnnotations;
using Reporting.Domain.Reconciliation;

namespace Reporting.Application.Reconciliation;

public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>How many closed months the daily run reconciles (late reports and corrections keep arriving).</summary>
    [Range(1, 24)]
    public int MonthsBack { get; set; } = 3;

    /// <summary>kWh difference allowed: the larger of this many kWh and <see cref="KwhRelative"/> of the larger figure.</summary>
    [Range(0, 1_000_000_000)]
    public decimal KwhAbsolute { get; set; } = 1;

    [Range(typeof(decimal), "0", "1", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal KwhRelative { get; set; } = 0.005m;

    /// <summary>Asset quantity difference allowed (absolute units and relative).</summary>
    [Range(0, 1_000_000)]
    public decimal QuantityAbsolute { get; set; } = 0.000001m;

    [Range(typeof(decimal), "0", "1", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public decimal QuantityRelative { get; set; } = 0.0001m;

    public Tolerance Kwh => new(KwhAbsolute, KwhRelative);
    public Tolerance Quantity => new(QuantityAbsolute, QuantityRelative);
}
