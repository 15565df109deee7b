using Microsoft.AspNetCore.Http;
using static Reporting.Web.Routing.PortalRoute;

namespace Reporting.Web.Routing;

/// <summary>
/// The portal's route table, defined once: `reporting serve` maps it on Kestrel, the Functions app has one HTTP function
/// per entry (named as the entry, with the same method and route; a test compares the worker's metadata with this list).
/// </summary>
public static class PortalRoutes
{
    /// <summary>The routes' names: the Functions app names its functions after them (attribute arguments must be constants).</summary>
    public static class Names
    {
        public const string Home = "PortalHome";
        public const string SignIn = "PortalSignIn";
        public const string SignInSubmit = "PortalSignInSubmit";
        public const string SignOut = "PortalSignOut";
        public const string Licence = "PortalLicence";
        public const string Template = "PortalTemplate";
        public const string Upload = "PortalUpload";
        public const string Submission = "PortalSubmission";
        public const string SubmissionStatus = "PortalSubmissionStatus";
        public const string Feedback = "PortalFeedback";
        public const string Assessment = "PortalAssessment";
        public const string Asset = "PortalAsset";
        public const string Committee = "PortalCommittee";
        public const string CommitteeQuarter = "PortalCommitteeQuarter";
        public const string CommitteeReportFile = "PortalCommitteeReportFile";
    }

    /// <summary>The route templates (ASP.NET Core routing syntax; relative to the site root: host.json's routePrefix is "").</summary>
    public static class Templates
    {
        /// <summary>
        /// The site root. A Functions route cannot be empty, so the root is an optional parameter that must stay empty: the
        /// same template matches "/" and nothing else on both hosts.
        /// </summary>
        public const string Root = "{root:maxlength(0)?}";

        public const string SignIn = "signin";
        public const string SignOut = "signout";
        public const string Licence = "licences/{licence}";
        public const string Template = Licence + "/templates/{kind}";
        public const string Uploads = Licence + "/uploads";
        public const string Submission = Uploads + "/{upload}";
        public const string SubmissionStatus = Submission + "/status";
        public const string Feedback = Submission + "/feedback";
        public const string Assessment = Licence + "/quarters/{quarter}";
        public const string Asset = "assets/{name}";
        public const string Committee = "committee";
        public const string CommitteeQuarter = Committee + "/quarters/{quarter}";
        public const string CommitteeReportFile = CommitteeQuarter + "/versions/{version}/{format}";
    }

    public static readonly PortalRoute Home = new(Names.Home, HttpMethods.Get, Templates.Root, (h, c, _) => h.HomeAsync(c));
    public static readonly PortalRoute SignIn = new(Names.SignIn, HttpMethods.Get, Templates.SignIn, (h, c, _) => h.SignInAsync(c));
    public static readonly PortalRoute SignInSubmit = new(Names.SignInSubmit, HttpMethods.Post, Templates.SignIn, (h, c, _) => h.SignInSubmitAsync(c));
    public static readonly PortalRoute SignOut = new(Names.SignOut, HttpMethods.Post, Templates.SignOut, (h, c, _) => h.SignOutAsync(c));
    public static readonly PortalRoute Licence = new(Names.Licence, HttpMethods.Get, Templates.Licence, (h, c, v) => h.LicenceAsync(c, Value(v, "licence")));
    public static readonly PortalRoute Template = new(Names.Template, HttpMethods.Get, Templates.Template,
        (h, c, v) => h.TemplateAsync(c, Value(v, "licence"), Value(v, "kind")));
    public static readonly PortalRoute Upload = new(Names.Upload, HttpMethods.Post, Templates.Uploads, (h, c, v) => h.UploadAsync(c, Value(v, "licence")));
    public static readonly PortalRoute Submission = new(Names.Submission, HttpMethods.Get, Templates.Submission,
        (h, c, v) => h.SubmissionAsync(c, Value(v, "licence"), Value(v, "upload")));
    public static readonly PortalRoute SubmissionStatus = new(Names.SubmissionStatus, HttpMethods.Get, Templates.SubmissionStatus,
        (h, c, v) => h.SubmissionStatusAsync(c, Value(v, "licence"), Value(v, "upload")));
    public static readonly PortalRoute Feedback = new(Names.Feedback, HttpMethods.Get, Templates.Feedback,
        (h, c, v) => h.FeedbackAsync(c, Value(v, "licence"), Value(v, "upload")));
    public static readonly PortalRoute Assessment = new(Names.Assessment, HttpMethods.Get, Templates.Assessment,
        (h, c, v) => h.AssessmentAsync(c, Value(v, "licence"), Value(v, "quarter")));
    public static readonly PortalRoute Asset = new(Names.Asset, HttpMethods.Get, Templates.Asset, (h, c, v) => h.AssetAsync(c, Value(v, "name")));

    public static readonly PortalRoute Committee = new(Names.Committee, HttpMethods.Get, Templates.Committee, (h, c, _) => h.CommitteeAsync(c));
    public static readonly PortalRoute CommitteeQuarter = new(Names.CommitteeQuarter, HttpMethods.Get, Templates.CommitteeQuarter,
        (h, c, v) => h.CommitteeQuarterAsync(c, Value(v, "quarter")));
    public static readonly PortalRoute CommitteeReportFile = new(Names.CommitteeReportFile, HttpMethods.Get, Templates.CommitteeReportFile,
        (h, c, v) => h.CommitteeReportFileAsync(c, Value(v, "quarter"), Value(v, "version"), Value(v, "format")));

    public static IReadOnlyList<PortalRoute> All { get; } =
        [Home, SignIn, SignInSubmit, SignOut, Licence, Template, Upload, Submission, SubmissionStatus, Feedback, Assessment, Asset, Committee, CommitteeQuarter, CommitteeReportFile];

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
        public const string Committee = "/committee";
        public static string CommitteeQuarter(string quarter) => $"{Committee}/quarters/{quarter}";
        public static string CommitteeReportFile(string quarter, int version, string format) =>
            $"{CommitteeQuarter(quarter)}/versions/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{format}";
    }
}
