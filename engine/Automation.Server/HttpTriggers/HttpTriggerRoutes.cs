using System.Text.RegularExpressions;
using Automation.Engine.Definitions;
using Automation.Engine.Validation;
using Microsoft.AspNetCore.Routing.Template;

namespace Automation.Server.HttpTriggers;

/// <summary>
/// The <c>http</c> triggers of every workflow's latest published version, matched against requests to
/// <c>/workflows/{path}</c>. Paths are route templates (<c>referrals/{id}</c>); a literal segment wins over a parameter.
/// Kept in memory: rebuilt at start-up and replaced per workflow when it is published.
/// </summary>
internal sealed partial class HttpTriggerRoutes
{
    public const string Kind = "http";

    private static readonly string[] DefaultMethods = ["GET"];

    private readonly Lock _gate = new();
    private Dictionary<string, IReadOnlyList<Route>> _byDefinition = new(StringComparer.Ordinal);
    private volatile Route[] _ordered = [];

    /// <summary>Problems with the definition's HTTP triggers (path syntax, methods), each naming the trigger and the fix.</summary>
    public static List<ValidationProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<ValidationProblem>();
        for (var i = 0; i < definition.Triggers.Count; i++)
        {
            var trigger = definition.Triggers[i];
            if (!IsHttp(trigger))
            {
                continue;
            }

            var path = Normalize(trigger.Path);
            if (path.Length == 0)
            {
                problems.Add(new ValidationProblem($"triggers[{i}].path", $"http trigger {i + 1} has no path; give the path it answers under /workflows/, for example 'referrals' or 'referrals/{{id}}'", ActivityId: trigger.Activity));
            }
            else if (!TryParse(path, out _, out var error))
            {
                problems.Add(new ValidationProblem($"triggers[{i}].path", $"http trigger {i + 1} has the path '{trigger.Path}', which is not a valid route: {error}; use segments separated by '/', with parameters in braces such as 'referrals/{{id}}'", ActivityId: trigger.Activity));
            }

            foreach (var method in trigger.Methods ?? [])
            {
                if (!MethodName().IsMatch(method ?? ""))
                {
                    problems.Add(new ValidationProblem($"triggers[{i}].methods", $"http trigger {i + 1} lists the method '{method}'; use HTTP method names such as GET, POST, PUT, PATCH or DELETE", ActivityId: trigger.Activity));
                }
            }
        }

        return problems;
    }

    /// <summary>A route of another workflow that answers the same path and method as one of <paramref name="definition"/>'s, or null.</summary>
    public string? FindConflict(WorkflowDefinition definition)
    {
        var others = _ordered.Where(r => r.DefinitionId != definition.Id).ToList();
        foreach (var route in RoutesOf(definition))
        {
            var clash = others.Find(o => string.Equals(o.Template, route.Template, StringComparison.OrdinalIgnoreCase) && o.Methods.Overlaps(route.Methods));
            if (clash is not null)
            {
                var methods = string.Join(", ", clash.Methods.Intersect(route.Methods).Order(StringComparer.Ordinal));
                return $"The path '/workflows/{route.Template}' ({methods}) is answered by workflow '{clash.DefinitionId}' already; choose another path for '{definition.Id}', or remove the http trigger from '{clash.DefinitionId}' and publish it first.";
            }
        }

        return null;
    }

    /// <summary>Replaces the routes of one workflow (with none when <paramref name="published"/> is null).</summary>
    public void Replace(string definitionId, WorkflowDefinition? published)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, IReadOnlyList<Route>>(_byDefinition, StringComparer.Ordinal);
            var routes = published is null ? [] : RoutesOf(published);
            if (routes.Count == 0)
            {
                next.Remove(definitionId);
            }
            else
            {
                next[definitionId] = routes;
            }

            Publish(next);
        }
    }

    /// <summary>Replaces every route with those of <paramref name="published"/>.</summary>
    public void ReplaceAll(IEnumerable<WorkflowDefinition> published)
    {
        var next = new Dictionary<string, IReadOnlyList<Route>>(StringComparer.Ordinal);
        foreach (var definition in published)
        {
            var routes = RoutesOf(definition);
            if (routes.Count > 0)
            {
                next[definition.Id] = routes;
            }
        }

        lock (_gate)
        {
            Publish(next);
        }
    }

    /// <summary>Finds the workflow answering <paramref name="method"/> <c>/workflows/</c><paramref name="path"/>.</summary>
    public RouteMatch Match(string path, string method)
    {
        var requestPath = new PathString("/" + Normalize(path));
        HashSet<string>? allowed = null;
        foreach (var route in _ordered)
        {
            var values = new RouteValueDictionary();
            if (!route.Matcher.TryMatch(requestPath, values))
            {
                continue;
            }

            if (route.Methods.Contains(method))
            {
                return new RouteMatch(route.DefinitionId, values, null);
            }

            allowed ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            allowed.UnionWith(route.Methods);
        }

        return new RouteMatch(null, null, allowed?.Order(StringComparer.Ordinal).ToList());
    }

    private void Publish(Dictionary<string, IReadOnlyList<Route>> next)
    {
        _byDefinition = next;

        // Most specific first, as ASP.NET Core orders its own routes; ties keep a stable order by workflow id.
        _ordered = next.Values.SelectMany(r => r)
            .OrderBy(r => r.Precedence)
            .ThenBy(r => r.DefinitionId, StringComparer.Ordinal)
            .ToArray();
    }

    private static List<Route> RoutesOf(WorkflowDefinition definition)
    {
        var routes = new List<Route>();
        foreach (var trigger in definition.Triggers.Where(IsHttp))
        {
            var path = Normalize(trigger.Path);
            if (path.Length == 0 || !TryParse(path, out var template, out _))
            {
                continue;
            }

            var methods = (trigger.Methods is { Count: > 0 } given ? (IEnumerable<string>)given : DefaultMethods)
                .Where(m => !string.IsNullOrWhiteSpace(m))
                .Select(m => m.Trim().ToUpperInvariant())
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            routes.Add(new Route(definition.Id, path, new TemplateMatcher(template, new RouteValueDictionary()), methods, RoutePrecedence.ComputeInbound(template)));
        }

        return routes;
    }

    private static bool TryParse(string path, out RouteTemplate template, out string error)
    {
        try
        {
            template = TemplateParser.Parse(path);
            error = "";
            return true;
        }
        catch (ArgumentException ex)
        {
            template = null!;
            error = ex.Message.Split(Environment.NewLine)[0].TrimEnd('.');
            return false;
        }
    }

    private static bool IsHttp(TriggerDefinition trigger) => string.Equals(trigger.Kind, Kind, StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string? path) => (path ?? "").Trim().Trim('/');

    [GeneratedRegex("^[A-Za-z]+$")]
    private static partial Regex MethodName();

    private sealed record Route(string DefinitionId, string Template, TemplateMatcher Matcher, HashSet<string> Methods, decimal Precedence);
}

/// <summary>
/// Which workflow answers a request: <see cref="DefinitionId"/> when one does; otherwise <see cref="AllowedMethods"/>
/// lists the methods the path answers (405), or is null when no workflow has the path (404).
/// </summary>
internal sealed record RouteMatch(string? DefinitionId, RouteValueDictionary? RouteValues, IReadOnlyList<string>? AllowedMethods);
