using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;
using Reporting.Application.Rules;
using Reporting.Application.Validation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;

namespace Reporting.Web.Uploads;

/// <summary>What the check of a file found: what the file is (as far as readable) and every issue.</summary>
public sealed record CheckedFile(ReportKind? Kind, Month? Period, ValidationReport Report);

/// <summary>
/// The check a miner sees at once: the same parser (ReportValidator) and the same upload checks (licence folder, period not
/// in the future and covered by the rules) as processing runs on the same bytes, so the page says what processing decides.
/// </summary>
public sealed class UploadCheck(ReportValidator validator, RuleSetProvider rules, IOptions<WorkbookLimits> limits, TimeProvider time)
{
    public long MaxBytes => limits.Value.MaxBytes;

    /// <param name="content">The file's bytes.</param>
    /// <param name="blobName">Where it is (or will be) stored: its licence folder is checked.</param>
    /// <param name="asOf">
    /// When to judge "period in the future" (a month is in the future only until it starts): now for a new upload, the
    /// recorded processing time for a processed one, so its page shows what processing decided then, not what a check
    /// today would find.
    /// </param>
    public CheckedFile Check(byte[] content, string blobName, DateTimeOffset? asOf = null)
    {
        if (content.LongLength > limits.Value.MaxBytes) return TooLarge(content.LongLength);
        var parsed = validator.Parse(new MemoryStream(content, writable: false));
        var today = Month.Of(KazakhstanTime.DateOf(asOf ?? time.GetUtcNow()));
        var report = parsed.Validation.With(UploadChecks.For(parsed, UploadIdentity.LicenceFolder(blobName), blobName, today, rules.Rules));
        return new CheckedFile(parsed.Kind, parsed.Period, report);
    }

    /// <summary>A stored file over the limit, as processing reports it (never downloaded).</summary>
    public CheckedFile TooLarge(long size) => new(null, null, new ValidationReport([XlsxPackage.TooLarge(size, limits.Value)]));
}
