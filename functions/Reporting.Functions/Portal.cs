using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Reporting.Web.Handlers;
using static Reporting.Web.Routing.PortalRoutes;

namespace Reporting.Functions;

/// <summary>
/// The miners' portal: one thin HTTP function per entry of the portal's route table (named as the entry, same method and
/// route; host.json's routePrefix is "", so the portal is at the site root). Each only hands the ASP.NET Core context and
/// the route's values to the same handler `reporting serve` maps. Anonymous at the function level: App Service
/// Authentication signs users in before a request gets here, and every handler authorises on the server.
/// </summary>
public sealed class Portal(PortalHandlers handlers)
{
    [Function(Names.Home)]
    public Task HomeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.Root)] HttpRequest request) =>
        handlers.HomeAsync(request.HttpContext);

    [Function(Names.SignIn)]
    public Task SignInAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.SignIn)] HttpRequest request) =>
        handlers.SignInAsync(request.HttpContext);

    [Function(Names.SignInSubmit)]
    public Task SignInSubmitAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Templates.SignIn)] HttpRequest request) =>
        handlers.SignInSubmitAsync(request.HttpContext);

    [Function(Names.SignOut)]
    public Task SignOutAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Templates.SignOut)] HttpRequest request) =>
        handlers.SignOutAsync(request.HttpContext);

    [Function(Names.Licence)]
    public Task LicenceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.Licence)] HttpRequest request, string licence) =>
        handlers.LicenceAsync(request.HttpContext, licence);

    [Function(Names.Template)]
    public Task TemplateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.Template)] HttpRequest request, string licence, string kind) =>
        handlers.TemplateAsync(request.HttpContext, licence, kind);

    [Function(Names.Upload)]
    public Task UploadAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Templates.Uploads)] HttpRequest request, string licence) =>
        handlers.UploadAsync(request.HttpContext, licence);

    [Function(Names.Submission)]
    public Task SubmissionAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.Submission)] HttpRequest request, string licence, string upload) =>
        handlers.SubmissionAsync(request.HttpContext, licence, upload);

    [Function(Names.SubmissionStatus)]
    public Task SubmissionStatusAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.SubmissionStatus)] HttpRequest request, string licence, string upload) =>
        handlers.SubmissionStatusAsync(request.HttpContext, licence, upload);

    [Function(Names.Feedback)]
    public Task FeedbackAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.Feedback)] HttpRequest request, string licence, string upload) =>
        handlers.FeedbackAsync(request.HttpContext, licence, upload);

    [Function(Names.Assessment)]
    public Task AssessmentAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.Assessment)] HttpRequest request, string licence, string quarter) =>
        handlers.AssessmentAsync(request.HttpContext, licence, quarter);

    [Function(Names.Asset)]
    public Task AssetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.Asset)] HttpRequest request, string name) =>
        handlers.AssetAsync(request.HttpContext, name);

    [Function(Names.Committee)]
    public Task CommitteeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.Committee)] HttpRequest request) =>
        handlers.CommitteeAsync(request.HttpContext);

    [Function(Names.CommitteeQuarter)]
    public Task CommitteeQuarterAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.CommitteeQuarter)] HttpRequest request, string quarter) =>
        handlers.CommitteeQuarterAsync(request.HttpContext, quarter);

    [Function(Names.CommitteeReportFile)]
    public Task CommitteeReportFileAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Templates.CommitteeReportFile)] HttpRequest request,
        string quarter, string version, string format) =>
        handlers.CommitteeReportFileAsync(request.HttpContext, quarter, version, format);
}
