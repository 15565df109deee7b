using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reporting.Web.Rendering;

/// <summary>
/// Renders a page component to static HTML (HtmlRenderer: host-agnostic, every value HTML-encoded) and writes it as the
/// response. No interactivity: the HTML is complete when sent.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task WriteAsync<TPage>(HttpContext context, int status, PageFrame frame, object? model = null) where TPage : IComponent
    {
        var parameters = new Dictionary<string, object?> { ["Frame"] = frame };
        if (model is not null) parameters["Model"] = model;
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters)).ConfigureAwait(false)).ToHtmlString()).ConfigureAwait(false);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
    }
}
