using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Reporting.WorkerHost;

/// <summary>
/// Route matching, as Azure's host does it before an HTTP function runs: the function's route (host.json's
/// extensions.http.routePrefix, "api" by default, before it) is matched against the request's path, and each route
/// value joins the binding data, where the worker binds the function's parameters of the same names. A request whose
/// path the route does not match would never reach that function: sending it is a test's mistake, and throws.
/// </summary>
public sealed partial class FunctionsWorker
{
    private readonly Lazy<string> _routePrefix;

    /// <summary>host.json's extensions.http.routePrefix in the app directory ("api" when it names none).</summary>
    public string RoutePrefix => _routePrefix.Value;

    /// <summary>The function's full route template (prefix and route), as the host registers it.</summary>
    public string RouteTemplate(FunctionInfo function)
    {
        var route = function.Trigger["route"]?.GetValue<string>() ?? function.Name;
        return string.IsNullOrEmpty(RoutePrefix) ? route : $"{RoutePrefix}/{route}";
    }

    private IReadOnlyDictionary<string, string> RouteValues(FunctionInfo function, Uri original)
    {
        var template = RouteTemplate(function);
        var matcher = new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary());
        var values = new RouteValueDictionary();
        if (!matcher.TryMatch(PathString.FromUriComponent(original), values))
            throw new ArgumentException($"The path {original.AbsolutePath} does not match {function.Name}'s route '{template}': the host would not send it there.", nameof(original));
        return values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!.ToString()!, StringComparer.OrdinalIgnoreCase);
    }

    private static string ReadRoutePrefix(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path)) return "api";
        var prefix = JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["http"]?["routePrefix"];
        return prefix is null ? "api" : prefix.GetValue<string>().Trim('/');
    }
}
