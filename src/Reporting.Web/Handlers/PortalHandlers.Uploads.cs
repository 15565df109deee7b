using Microsoft.AspNetCore.Http;
using Reporting.Domain;
using Reporting.Web.Identity;
using Reporting.Web.Pages;
using Reporting.Web.Pipeline;
using Reporting.Web.Text;

namespace Reporting.Web.Handlers;

public sealed partial class PortalHandlers
{
    public Task UploadAsync(HttpContext context, string licence) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.ReadByHandler, request =>
        WithLicenceAsync(request, licence, LicenceAction.File, found => uploads.HandleAsync(request, found.Number)));

    public Task SubmissionAsync(HttpContext context, string licence, string upload) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, request =>
        WithLicenceAsync(request, licence, LicenceAction.Read, async found =>
        {
            var model = IsUploadId(upload) ? await submissions.GetAsync(found.Number, upload, request.Words, request.Aborted).ConfigureAwait(false) : null;
            if (model is null) await pages.NotFoundAsync(request).ConfigureAwait(false);
            else await pages.WriteAsync<SubmissionPage>(request, request.Words[PortalTexts.SubmissionHeading], model).ConfigureAwait(false);
        }));

    /// <summary>JSON {"processed": true|false}: the submission page's script reloads the page once processing recorded the upload.</summary>
    public Task SubmissionStatusAsync(HttpContext context, string licence, string upload) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, request =>
        WithLicenceAsync(request, licence, LicenceAction.Read, async found =>
        {
            var processed = IsUploadId(upload) && await submissions.IsProcessedAsync(found.Number, upload, request.Aborted).ConfigureAwait(false);
            await context.Response.WriteAsJsonAsync(new SubmissionStatus(processed), request.Aborted).ConfigureAwait(false);
        }));

    public Task FeedbackAsync(HttpContext context, string licence, string upload) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, request =>
        WithLicenceAsync(request, licence, LicenceAction.Read, async found =>
        {
            if (!IsUploadId(upload) || await submissions.FeedbackWorkbookAsync(found.Number, upload, request.Aborted).ConfigureAwait(false) is not { } workbook)
            {
                await pages.NotFoundAsync(request).ConfigureAwait(false);
                return;
            }

            var name = string.Join("-", new[] { found.Number, workbook.Row.Period?.ToString(), workbook.Row.Kind?.Code(), "feedback" }.OfType<string>()) + ".xlsx";
            await Downloads.WriteAsync(context, workbook.Content, name).ConfigureAwait(false);
        }));

    public sealed record SubmissionStatus(bool Processed);

    /// <summary>Upload ids are 32 lower-case hex digits (UploadIdentity); anything else names no upload.</summary>
    private static bool IsUploadId(string text) => text.Length == 32 && text.All(char.IsAsciiHexDigitLower);
}
