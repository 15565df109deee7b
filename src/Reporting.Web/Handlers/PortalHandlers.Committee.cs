using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Reporting.Domain.Periods;
using Reporting.Domain.Text;
using Reporting.Web.Identity;
using Reporting.Web.Pages;
using Reporting.Web.Pipeline;
using Reporting.Web.Rendering;
using Reporting.Web.Text;

namespace Reporting.Web.Handlers;

/// <summary>
/// The State Revenue Committee's pages: the quarters with a published report, a quarter's dashboard, and every version's
/// files. GET only (nothing here writes), for the committee and operators; a miner gets 404, as for a licence not theirs.
/// </summary>
public sealed partial class PortalHandlers
{
    public Task CommitteeAsync(HttpContext context) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, request =>
        WithCommitteeAsync(request, async () =>
        {
            var quarters = await committee.QuartersAsync(request.Aborted).ConfigureAwait(false);
            await pages.WriteAsync<CommitteeQuartersPage>(request, request.Words[CommitteeTexts.QuartersHeading], new CommitteeQuartersModel(quarters)).ConfigureAwait(false);
        }));

    public Task CommitteeQuarterAsync(HttpContext context, string quarter) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, request =>
        WithCommitteeAsync(request, async () =>
        {
            var model = Quarter.TryParse(quarter, out var period) ? await committee.QuarterAsync(period, request.Aborted).ConfigureAwait(false) : null;
            if (model is null)
            {
                await pages.NotFoundAsync(request).ConfigureAwait(false);
                return;
            }

            var heading = request.Words.Render(CommitteeTexts.QuarterHeading.With(("quarter", MessageValue.Quarter(period))));
            await pages.WriteAsync<CommitteeQuarterPage>(request, heading, model).ConfigureAwait(false);
        }));

    public Task CommitteeReportFileAsync(HttpContext context, string quarter, string version, string format) =>
        pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, request =>
        WithCommitteeAsync(request, async () =>
        {
            var file = Quarter.TryParse(quarter, out var period) && int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? await committee.FileAsync(period, number, format, request.Aborted).ConfigureAwait(false)
                : null;
            if (file is not { } found)
            {
                await pages.NotFoundAsync(request).ConfigureAwait(false);
                return;
            }

            var content = await committee.DownloadAsync(found.Blob, request.Aborted).ConfigureAwait(false);
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(found.FileName);
            context.Response.Headers.ContentDisposition = disposition.ToString();
            context.Response.ContentType = found.ContentType;
            context.Response.ContentLength = content.ToMemory().Length;
            await context.Response.Body.WriteAsync(content.ToMemory(), request.Aborted).ConfigureAwait(false);
        }));

    /// <summary>Runs <paramref name="handle"/> for the committee and operators; a miner gets the same 404 as a page that does not exist.</summary>
    private Task WithCommitteeAsync(PortalRequest request, Func<Task> handle) =>
        LicenceAccess.ReadsEveryLicence(request.RequiredUser) ? handle() : pages.NotFoundAsync(request);
}
