using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Reporting.Domain.Text;
using Reporting.Web.Identity;
using Reporting.Web.Security;

namespace Reporting.Web.Pipeline;

/// <summary>What a handler needs before it runs.</summary>
public enum Requirement
{
    /// <summary>Anyone (assets, the development sign-in page).</summary>
    Nobody,

    /// <summary>A signed-in user the registry knows; otherwise the signed-out (401) or no-access (403) page.</summary>
    RegisteredUser,
}

/// <summary>How an unsafe request proves it came from the portal's own page.</summary>
public enum FormToken
{
    /// <summary>GET: nothing to prove.</summary>
    None,

    /// <summary>A url-encoded form whose "csrf" field the pipeline checks.</summary>
    InForm,

    /// <summary>A multipart upload: the handler reads the token from the stream before the file.</summary>
    ReadByHandler,
}

/// <summary>
/// What every portal request goes through, on either host: security headers, the reader's language, the form token and the
/// origin of unsafe requests, who is signed in, and a generic error page (with a reference, the failure logged with its
/// stack) instead of anything of the failure reaching the page.
/// </summary>
public sealed partial class PortalPipeline(IPortalSignIn signIn, PortalDirectory directory, PortalPages pages, ILogger<PortalPipeline> logger)
{
    /// <summary>Url-encoded forms of the portal are a few hundred bytes; anything much bigger is not one of them.</summary>
    private const long MaxFormBytes = 16 * 1024;

    public async Task RunAsync(HttpContext context, Requirement requirement, FormToken token, Func<PortalRequest, Task> handle)
    {
        var reference = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        SecurityHeaders.Apply(context.Response);
        var words = MessageCatalog.Default.In(PortalLanguage.Choose(context));
        PortalRequest? request = null;
        try
        {
            var userName = signIn.UserName(context);
            var user = userName is null ? null : await directory.FindUserAsync(userName, context.RequestAborted).ConfigureAwait(false);
            request = new PortalRequest(context, words, userName, user, signIn.IsDevelopment, reference);

            if (token != FormToken.None && !CsrfTokens.IsSameOrigin(context.Request))
            {
                LogRefused(logger, context.Request.Method, context.Request.Path.Value, "cross-site or missing origin");
                await pages.RefusedAsync(request).ConfigureAwait(false);
                return;
            }

            if (token == FormToken.InForm && !await FormTokenMatchesAsync(context).ConfigureAwait(false))
            {
                LogRefused(logger, context.Request.Method, context.Request.Path.Value, "form token missing or different");
                await pages.RefusedAsync(request).ConfigureAwait(false);
                return;
            }

            if (requirement == Requirement.RegisteredUser && userName is null)
            {
                await pages.SignedOutAsync(request, signIn.SignInUrl).ConfigureAwait(false);
                return;
            }

            if (requirement == Requirement.RegisteredUser && user is null)
            {
                await pages.NoAccessAsync(request).ConfigureAwait(false);
                return;
            }

            await handle(request).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Not hidden: logged with its stack under the reference the page shows; the reader sees no detail of it.
            LogFailed(logger, e, reference, context.Request.Method, context.Request.Path.Value);
            if (context.Response.HasStarted) throw;
            context.Response.Clear();
            SecurityHeaders.Apply(context.Response);
            request ??= new PortalRequest(context, words, null, null, signIn.IsDevelopment, reference);
            await pages.ErrorAsync(request).ConfigureAwait(false);
        }
    }

    private static async Task<bool> FormTokenMatchesAsync(HttpContext context)
    {
        var request = context.Request;
        // A proxy may forward the body chunked, without Content-Length: the reader's own limits then bound it.
        if (!request.HasFormContentType || request.ContentLength > MaxFormBytes) return false;
        var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        return CsrfTokens.Matches(request, form[CsrfTokens.FieldName].ToString());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Portal request {Method} {Path} failed (reference {Reference})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reference, string method, string? path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal request {Method} {Path} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string? path, string reason);
}
