using System.Text.Encodings.Web;
using System.Text.Unicode;
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
    private readonly IServiceProvider _rendering = new PageServices(services);

    public async Task WriteAsync<TPage>(HttpContext context, int status, PageFrame frame, object? model = null) where TPage : IComponent
    {
        var parameters = new Dictionary<string, object?> { ["Frame"] = frame };
        if (model is not null) parameters["Model"] = model;
        await using var renderer = new HtmlRenderer(_rendering, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters)).ConfigureAwait(false)).ToHtmlString()).ConfigureAwait(false);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>
/// The host's services, except the HTML encoder: pages are UTF-8, so Kazakh and Russian text is written as text rather
/// than as &amp;#x...; escapes (markup characters are still encoded). Kept to the renderer, so the host's own encoder
/// (which the Functions worker registers) is left as it is.
/// </summary>
internal sealed class PageServices(IServiceProvider services) : IServiceProvider
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? Encoder : services.GetService(serviceType);
}
