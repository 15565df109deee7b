namespace Reporting.Storage.Assessments;

/// <summary>
/// A licence-quarter's assessment (PK quarter, RK licence). Amounts and kWh are exact invariant strings (tables have
/// no decimal); the fee is also whole tiyn for sorting and summing; statuses are codes; lists are JSON.
/// </summary>
public sealed record AssessmentEntity : TableRow
{
    public string Licence { get; set; } = "";
    public string Quarter { get; set; } = "";
    public string RuleVersion { get; set; } = "";
    public string RegistryVersion { get; set; } = "";
    public long InputRevision { get; set; }

    /// <summary>Input revision, rules and registry versions: the violation rows of this assessment carry the same token.</summary>
    public string Token { get; set; } = "";

    public DateTimeOffset AssessedAt { get; set; }
    public string KwhGrid { get; set; } = "0";
    public string KwhImport { get; set; } = "0";
    public string KwhRenewable { get; set; } = "0";
    public string KwhOwnGeneration { get; set; } = "0";
    public string KwhOffGrid { get; set; } = "0";
    public string KwhTotal { get; set; } = "0";
    public string? AveragePriceKzt { get; set; }
    public string FeeStatus { get; set; } = "";
    public string? FeeKzt { get; set; }
    public long? FeeTiyn { get; set; }

    /// <summary>[{ "ground": message JSON, "rate", "kwh", "amount" }, ...]</summary>
    public string FeeLines { get; set; } = "[]";

    public string FeeRuleReferences { get; set; } = "";
    public string? DeclarationDue { get; set; }
    public string? PaymentDue { get; set; }
    public string QuotaStatus { get; set; } = "";
    public string? QuotaKwh { get; set; }
    public string? RequiredSaleShare { get; set; }
    public string SaleStatus { get; set; } = "";
    public string? LowestSaleShare { get; set; }
    public string ConsumptionMonths { get; set; } = "";
    public string SalesMonths { get; set; } = "";
    public int ErrorCount { get; set; }
    public int WarningCount { get; set; }

    /// <summary>The current reports assessed: [[period, kind, uploadId, blob, sha256, receivedAt], ...].</summary>
    public string Inputs { get; set; } = "[]";
}

/// <summary>A violation of an assessment (PK quarter, RK licence|token|n); the message is language-free JSON.</summary>
public sealed record ViolationEntity : TableRow
{
    public string Licence { get; set; } = "";
    public string Token { get; set; } = "";
    public string Code { get; set; } = "";
    public string Severity { get; set; } = "";
    public string Period { get; set; } = "";
    public string? Subject { get; set; }

    /// <summary>The message: code, variant and values (MessageJson), worded when read.</summary>
    public string Message { get; set; } = "";

    /// <summary>[[name, value, unit], ...]</summary>
    public string Figures { get; set; } = "[]";

    public string RuleReference { get; set; } = "";
    public string? Source { get; set; }
    public string RuleVersion { get; set; } = "";
}
