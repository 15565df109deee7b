using Microsoft.AspNetCore.Http;
using Reporting.Domain.Registry;
using Reporting.Web.Identity;
using Reporting.Web.Pages;
using Reporting.Web.Pipeline;
using Reporting.Web.Rendering;
using Reporting.Web.Routing;
using Reporting.Web.Text;

namespace Reporting.Web.Handlers;

/// <summary>
/// Every handler of the route table, the same for both hosts: each runs through the pipeline (headers, language, identity,
/// form token, error page), authorises the licence it names on the server, and calls application services.
/// </summary>
public sealed partial class PortalHandlers(
    PortalPipeline pipeline,
    PortalPages pages,
    PortalDirectory directory,
    IPortalSignIn signIn,
    SubmissionQueries submissions,
    UploadHandler uploads,
    AssessmentQueries assessments,
    CommitteeQueries committee)
{
    public Task HomeAsync(HttpContext context) => pipeline.RunAsync(context, Requirement.RegisteredUser, FormToken.None, async request =>
    {
        var user = request.RequiredUser;
        var licences = LicenceAccess.Visible(user, await directory.LicencesAsync(request.Aborted).ConfigureAwait(false));
        var model = new HomeModel([.. licences.OrderBy(l => l.Number, StringComparer.Ordinal)], LicenceAccess.ReadsEveryLicence(user));
        await pages.WriteAsync<HomePage>(request, request.Words[PortalTexts.HomeHeading], model).ConfigureAwait(false);
    });

    /// <summary>Anything no route matches (Kestrel's fallback; the Functions host answers unmatched paths itself).</summary>
    public Task NotFoundAsync(HttpContext context) =>
        pipeline.RunAsync(context, Requirement.Nobody, FormToken.None, pages.NotFoundAsync);

    public Task SignInAsync(HttpContext context) => pipeline.RunAsync(context, Requirement.Nobody, FormToken.None, async request =>
    {
        if (Development(context) is null)
        {
            await pages.NotFoundAsync(request).ConfigureAwait(false);
            return;
        }

        var users = await directory.ListUsersAsync(request.Aborted).ConfigureAwait(false);
        await pages.WriteAsync<SignInPage>(request, request.Words[PortalTexts.SignInHeading], new SignInModel([.. users.OrderBy(u => u.User, StringComparer.Ordinal)]))
            .ConfigureAwait(false);
    });

    public Task SignInSubmitAsync(HttpContext context) => pipeline.RunAsync(context, Requirement.Nobody, FormToken.InForm, async request =>
    {
        var user = Development(context) is null ? null : await directory.FindUserAsync(context.Request.Form["user"].ToString().Trim().ToLowerInvariant(), request.Aborted).ConfigureAwait(false);
        if (user is null)
        {
            await pages.NotFoundAsync(request).ConfigureAwait(false);
            return;
        }

        Development(context)!.SignIn(context, user.User);
        context.Response.Redirect(PortalRoutes.Links.Root);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    });

    public Task SignOutAsync(HttpContext context) => pipeline.RunAsync(context, Requirement.Nobody, FormToken.InForm, async request =>
    {
        if (Development(context) is null)
        {
            await pages.NotFoundAsync(request).ConfigureAwait(false);
            return;
        }

        DevelopmentSignIn.SignOut(context);
        context.Response.Redirect(PortalRoutes.Links.SignInPage);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
    });

    /// <summary>The development sign-in when this host has it and the request comes from this machine; otherwise null.</summary>
    private DevelopmentSignIn? Development(HttpContext context) =>
        signIn is DevelopmentSignIn development && DevelopmentSignIn.IsLoopback(context) ? development : null;

    /// <summary>Runs <paramref name="handle"/> with the licence when the user may do <paramref name="action"/> with it.</summary>
    private async Task WithLicenceAsync(PortalRequest request, string licence, LicenceAction action, Func<Licence, Task> handle)
    {
        var (decision, found) = await directory.AuthoriseAsync(request.RequiredUser, licence, action, request.Aborted).ConfigureAwait(false);
        switch (decision)
        {
            case AccessDecision.Allowed:
                await handle(found!).ConfigureAwait(false);
                break;
            case AccessDecision.ReadOnly:
                await pages.ReadOnlyAsync(request).ConfigureAwait(false);
                break;
            default:
                await pages.NotFoundAsync(request).ConfigureAwait(false);
                break;
        }
    }
}
