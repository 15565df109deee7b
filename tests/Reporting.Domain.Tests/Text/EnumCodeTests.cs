using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Domain.Tests.Text;

/// <summary>
/// The codes stored data and files carry for each enum value, pinned: renaming an enum member would change them, so
/// it must fail here before it changes what is stored.
/// </summary>
public sealed class EnumCodeTests
{
    [Fact]
    public void Every_stored_enum_has_the_codes_it_always_had()
    {
        Assert.Equal(["consumption", "sales"], EnumCodes.Codes<ReportKind>());
        Assert.Equal(["grid", "import", "renewable", "own-generation", "off-grid"], EnumCodes.Codes<EnergySource>());
        Assert.Equal(["accepted", "rejected", "duplicate", "superseded"], EnumCodes.Codes<SubmissionStatus>());
        Assert.Equal(["active", "suspended", "revoked"], EnumCodes.Codes<LicenceStatus>());
        Assert.Equal(["i", "ii"], EnumCodes.Codes<LicenceSubtype>());
        Assert.Equal(["north", "south", "west"], EnumCodes.Codes<Zone>());
        Assert.Equal(["assessed", "rate-unverified"], EnumCodes.Codes<FeeStatus>());
        Assert.Equal(["not-applicable", "compliant", "violated"], EnumCodes.Codes<QuotaStatus>());
        Assert.Equal(["not-applicable", "nothing-mined", "compliant", "below-minimum"], EnumCodes.Codes<SaleStatus>());
        Assert.Equal(["reports", "market-operator", "exchange", "pools"], EnumCodes.Codes<FindingSource>());
        Assert.Equal(["consumption", "sales"], EnumCodes.Codes<FindingKind>());
        Assert.Equal(["error", "warning"], EnumCodes.Codes<Severity>());
        Assert.Equal(["kk", "ru", "en"], EnumCodes.Codes<Language>());
        Assert.Equal(["miner", "committee", "operator"], EnumCodes.Codes<UserRole>());
        Assert.Equal(["unknown-licence", "inactive-licence", "violations", "missing-reports", "late-reports", "rate-unverified", "warnings", "compliant"],
            EnumCodes.Codes<LicenceQuarterStatus>());
    }

    [Theory]
    [InlineData("own-generation", EnergySource.OwnGeneration)]
    [InlineData(" OFF-GRID ", EnergySource.OffGrid)]
    public void A_code_parses_back_ignoring_case_and_spaces(string code, EnergySource expected) => Assert.Equal(expected, EnumCodes.Parse<EnergySource>(code));

    [Fact]
    public void An_unknown_code_is_refused_with_the_codes_that_exist()
    {
        var error = Assert.Throws<FormatException>(() => EnumCodes.Parse<ReportKind>("electricity"));
        Assert.Contains("consumption, sales", error.Message, StringComparison.Ordinal);
        Assert.False(EnumCodes.TryParse<ReportKind>(null, out _));
    }
}
