using Reporting.Domain.Validation;

namespace Reporting.Excel.Registry;

/// <summary>The registry read from a workbook, or (when it has errors) only the validation report.</summary>
public sealed record RegistryParseResult(Domain.Registry.Registry? Registry, ValidationReport Validation)
{
    public bool IsValid => Registry is not null && Validation.IsValid;
}
