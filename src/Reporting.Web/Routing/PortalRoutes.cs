using Microsoft.AspNetCore.Http;
using static Reporting.Web.Routing.PortalRoute;

namespace Reporting.Web.Routing;

/// <summary>
/// The portal's route table, defined once: `reporting serve` maps it on Kestrel, the Functions app has one HTTP function
/// per entry (named as the entry, with the same method and route; a test compares the worker's metadata with this list).
/// </summary>
public static class PortalRoutes
{
    /// <summary>
    /// The site root. A Functions route cannot be empty, so the root is an optional parameter that must stay empty: the
    /// same template matches "/" and nothing else on both hosts.
    /// </summary>
    public const string RootTemplate = "{root:maxlength(0)?}";

    public static readonly PortalRoute Home = new("PortalHome", HttpMethods.Get, RootTemplate, (h, c, _) => h.HomeAsync(c));
    public static readonly PortalRoute SignIn = new("PortalSignIn", HttpMethods.Get, "signin", (h, c, _) => h.SignInAsync(c));
    public static readonly PortalRoute SignInSubmit = new("PortalSignInSubmit", HttpMethods.Post, "signin", (h, c, _) => h.SignInSubmitAsync(c));
    public static readonly PortalRoute SignOut = new("PortalSignOut", HttpMethods.Post, "signout", (h, c, _) => h.SignOutAsync(c));
    public static readonly PortalRoute Licence = new("PortalLicence", HttpMethods.Get, "licences/{licence}",
        (h, c, v) => h.LicenceAsync(c, Value(v, "licence")));
    public static readonly PortalRoute Template = new("PortalTemplate", HttpMethods.Get, "licences/{licence}/templates/{kind}",
        (h, c, v) => h.TemplateAsync(c, Value(v, "licence"), Value(v, "kind")));
    public static readonly PortalRoute Upload = new("PortalUpload", HttpMethods.Post, "licences/{licence}/uploads",
        (h, c, v) => h.UploadAsync(c, Value(v, "licence")));
    public static readonly PortalRoute Submission = new("PortalSubmission", HttpMethods.Get, "licences/{licence}/uploads/{upload}",
        (h, c, v) => h.SubmissionAsync(c, Value(v, "licence"), Value(v, "upload")));
    public static readonly PortalRoute SubmissionStatus = new("PortalSubmissionStatus", HttpMethods.Get, "licences/{licence}/uploads/{upload}/status",
        (h, c, v) => h.SubmissionStatusAsync(c, Value(v, "licence"), Value(v, "upload")));
    public static readonly PortalRoute Feedback = new("PortalFeedback", HttpMethods.Get, "licences/{licence}/uploads/{upload}/feedback",
        (h, c, v) => h.FeedbackAsync(c, Value(v, "licence"), Value(v, "upload")));
    public static readonly PortalRoute Assessment = new("PortalAssessment", HttpMethods.Get, "licences/{licence}/quarters/{quarter}",
        (h, c, v) => h.AssessmentAsync(c, Value(v, "licence"), Value(v, "quarter")));
    public static readonly PortalRoute Asset = new("PortalAsset", HttpMethods.Get, "assets/{name}", (h, c, v) => h.AssetAsync(c, Value(v, "name")));

    public static IReadOnlyList<PortalRoute> All { get; } =
        [Home, SignIn, SignInSubmit, SignOut, Licence, Template, Upload, Submission, SubmissionStatus, Feedback, Assessment, Asset];

    /// <summary>Links, built in one place so pages and redirects agree with the table.</summary>
    public static class Links
    {
        public const string Root = "/";
        public const string SignInPage = "/signin";
        public const string SignOutPage = "/signout";

        public static string Licence(string licence) => $"/licences/{Uri.EscapeDataString(licence)}";
        public static string Template(string licence, string kind) => $"{Licence(licence)}/templates/{kind}";
        public static string Uploads(string licence) => $"{Licence(licence)}/uploads";
        public static string Submission(string licence, string uploadId) => $"{Uploads(licence)}/{uploadId}";
        public static string SubmissionStatus(string licence, string uploadId) => $"{Submission(licence, uploadId)}/status";
        public static string Feedback(string licence, string uploadId) => $"{Submission(licence, uploadId)}/feedback";
        public static string Assessment(string licence, string quarter) => $"{Licence(licence)}/quarters/{quarter}";
        public static string Asset(string name) => $"/assets/{name}";
    }
}
