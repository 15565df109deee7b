using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Templates;
using Reporting.Web.Identity;
using Reporting.Web.Pages;
using Reporting.Web.Pipeline;
using Reporting.Web.Rendering;
using Reporting.Web.Text;

namespace Reporting.Web.Handlers;

public sealed partial class PortalHandlers
{
    public Task LicenceAsync(HttpContext context, string licence) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, request =>
        WithLicenceAsync(request, licence, LicenceAction.Read, async found =>
        {
            var canUpload = LicenceAccess.Decide(request.RequiredUser, found.Number, [found], LicenceAction.File).Decision == AccessDecision.Allowed;
            var (history, quarters) = await submissions.HistoryAsync(found.Number, request.Aborted).ConfigureAwait(false);
            var model = new LicenceModel(found, canUpload, uploads.MaxBytes, history, quarters);
            await pages.WriteAsync<LicencePage>(request, request.Words.Render(PortalTexts.LicenceHeading.With(("licence", found.Number))), model).ConfigureAwait(false);
        }));

    public Task TemplateAsync(HttpContext context, string licence, string kind) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, request =>
        WithLicenceAsync(request, licence, LicenceAction.Read, async found =>
        {
            if (!EnumCodes.TryParse<ReportKind>(kind, out var reportKind))
            {
                await pages.NotFoundAsync(request).ConfigureAwait(false);
                return;
            }

            var bytes = TemplateWriter.ToBytes(reportKind, request.Words.Language);
            await Downloads.WriteAsync(context, bytes, $"{found.Number}-{reportKind.Code()}-{request.Words.Language.Code()}.xlsx").ConfigureAwait(false);
        }));

    public Task AssessmentAsync(HttpContext context, string licence, string quarter) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, request =>
        WithLicenceAsync(request, licence, LicenceAction.Read, async found =>
        {
            if (!Quarter.TryParse(quarter, out var period))
            {
                await pages.NotFoundAsync(request).ConfigureAwait(false);
                return;
            }

            var model = await assessments.GetAsync(found.Number, period, request.Aborted).ConfigureAwait(false);
            var heading = request.Words.Render(PortalTexts.AssessmentHeading.With(("quarter", Domain.Text.MessageValue.Quarter(period))));
            await pages.WriteAsync<AssessmentPage>(request, heading, model).ConfigureAwait(false);
        }));

    public Task AssetAsync(HttpContext context, string name) => pipeline.RunAsync(context, Requirement.Nobody, FormToken.None, async request =>
    {
        if (StaticAssets.Find(name) is not { } asset)
        {
            await pages.NotFoundAsync(request).ConfigureAwait(false);
            return;
        }

        // Not private: the same bytes for everyone, so browsers may keep them for an hour.
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        await context.Response.Body.WriteAsync(asset.Content, request.Aborted).ConfigureAwait(false);
    });
}

/// <summary>A file the browser saves rather than shows.</summary>
internal static class Downloads
{
    public const string WorkbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync(HttpContext context, byte[] content, string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.ContentType = WorkbookType;
        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content, context.RequestAborted).ConfigureAwait(false);
    }
}
