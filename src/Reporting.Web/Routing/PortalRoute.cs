using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reporting.Web.Handlers;

namespace Reporting.Web.Routing;

/// <summary>
/// One entry of the route table: the name (also the Functions app's function name), the method, the route template
/// (ASP.NET Core routing syntax, as both hosts match it) and the handler it calls with the route's values.
/// </summary>
public sealed record PortalRoute(string Name, string Method, string Template, Func<PortalHandlers, HttpContext, RouteValueDictionary, Task> Invoke)
{
    /// <summary>Calls the handler with the values the host matched (Kestrel's routing puts them on the request).</summary>
    public Task HandleAsync(PortalHandlers handlers, HttpContext context) => Invoke(handlers, context, context.Request.RouteValues);

    internal static string Value(RouteValueDictionary values, string name) =>
        values.TryGetValue(name, out var value) && value?.ToString() is { } text ? text : "";
}
