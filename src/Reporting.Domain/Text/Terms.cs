using Reporting.Domain.Assessment;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;
using Reporting.Domain.Validation;

namespace Reporting.Domain.Text;

/// <summary>
/// The words for the domain's enum values ("report-kind.consumption" is "consumption", «потребление»,
/// «тұтыну»): the key is the enum's name and the value's code, both in kebab case, so no value is spelled twice.
/// </summary>
public static class Terms
{
    /// <summary>Every enum whose values people read; the catalogue has a text for each of their values.</summary>
    public static IReadOnlyList<Type> Enums { get; } =
    [
        typeof(ReportKind), typeof(EnergySource), typeof(LicenceStatus), typeof(LicenceSubtype), typeof(Zone), typeof(SubmissionStatus),
        typeof(FeeStatus), typeof(QuotaStatus), typeof(SaleStatus), typeof(Consolidation.LicenceQuarterStatus), typeof(Rules.RuleStatus), typeof(FindingSource), typeof(SourceState), typeof(FindingKind), typeof(Severity), typeof(Language), typeof(UserRole),
    ];

    public static TextKey Of<T>(T value) where T : struct, Enum => new(KeyOf(typeof(T), value.Code()));

    public static MessageValue Term<T>(T value) where T : struct, Enum => MessageValue.Term(KeyOf(typeof(T), value.Code()));

    public static string KeyOf(Type enumType, string code) => $"{EnumCodes.Kebab(enumType.Name)}.{code}";
}
