using Microsoft.AspNetCore.Http;
using Reporting.Domain.Text;
using Reporting.Web.Pages;
using Reporting.Web.Rendering;
using Reporting.Web.Routing;
using Reporting.Web.Text;

namespace Reporting.Web.Pipeline;

/// <summary>The pages that only say something, each with its status code.</summary>
public sealed class PortalPages(PageRenderer renderer)
{
    public Task SignedOutAsync(PortalRequest request, string signInUrl) =>
        Message(request, StatusCodes.Status401Unauthorized, PortalTexts.SignedOutHeading, request.Words[PortalTexts.SignedOutText],
            new PageLink(signInUrl, request.Words[PortalTexts.SignInLink]));

    public Task NoAccessAsync(PortalRequest request) =>
        Message(request, StatusCodes.Status403Forbidden, PortalTexts.NoAccessHeading,
            request.Words.Render(PortalTexts.NoAccessText.With(("user", request.UserName ?? ""))), null);

    public Task NotFoundAsync(PortalRequest request) =>
        Message(request, StatusCodes.Status404NotFound, PortalTexts.NotFoundHeading, request.Words[PortalTexts.NotFoundText], Home(request));

    public Task ReadOnlyAsync(PortalRequest request) =>
        Message(request, StatusCodes.Status403Forbidden, PortalTexts.ReadOnlyHeading, request.Words[PortalTexts.ReadOnlyText], Home(request));

    public Task RefusedAsync(PortalRequest request) =>
        Message(request, StatusCodes.Status403Forbidden, PortalTexts.RefusedHeading, request.Words[PortalTexts.RefusedText], Home(request));

    public Task ErrorAsync(PortalRequest request) =>
        Message(request, StatusCodes.Status500InternalServerError, PortalTexts.ErrorHeading,
            request.Words.Render(PortalTexts.ErrorText.With(("reference", request.Reference))), Home(request));

    public Task TooLargeAsync(PortalRequest request, long maxBytes, string licence) =>
        Message(request, StatusCodes.Status413PayloadTooLarge, PortalTexts.TooLargeHeading,
            request.Words.Render(PortalTexts.TooLargeText.With(("max_mb", MessageValue.Number(Math.Round(maxBytes / 1_000_000m, 1))))), Back(request, licence));

    public Task NoFileAsync(PortalRequest request, string licence) =>
        Message(request, StatusCodes.Status400BadRequest, PortalTexts.NoFileHeading, request.Words[PortalTexts.NoFileText], Back(request, licence));

    public Task WriteAsync<TPage>(PortalRequest request, string heading, object model, int status = StatusCodes.Status200OK, string? path = null)
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        renderer.WriteAsync<TPage>(request.Http, status, request.Frame(heading, path), model);

    private Task Message(PortalRequest request, int status, TextKey heading, string text, PageLink? link) =>
        renderer.WriteAsync<MessagePage>(request.Http, status, request.Frame(request.Words[heading]), new MessageModel(text, link));

    private static PageLink? Home(PortalRequest request) =>
        request.User is null ? null : new PageLink(PortalRoutes.Links.Root, request.Words[PortalTexts.BackHome]);

    private static PageLink Back(PortalRequest request, string licence) =>
        new(PortalRoutes.Links.Licence(licence), request.Words.Render(PortalTexts.BackToLicence.With(("licence", licence))));
}
