using System.Text.Json.Nodes;
using Automation.Robots.Selectors;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Robots;

/// <summary>
/// The designer's selector editor: <c>POST /api/selectors/check</c> (policy EditDefinitions) reads a selector input
/// with the robots' own <see cref="Selector.Parse"/> and answers each bad candidate's message, so the editor shows
/// exactly what a run would fault with, before the flow runs. Nothing is looked up on a target system.
/// </summary>
public static class SelectorCheckApi
{
    public static IEndpointRouteBuilder MapSelectorCheckApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/selectors/check", Check).WithTags("Robots").RequireAuthorization(Policies.EditDefinitions);
        return app;
    }

    private static Ok<SelectorCheck> Check(JsonNode? selector)
    {
        var problems = new List<SelectorProblem>();
        if (selector is JsonArray candidates)
        {
            // One candidate at a time, so the editor can mark the row that is wrong.
            for (var i = 0; i < candidates.Count; i++)
            {
                if (Problem(new JsonArray(candidates[i]?.DeepClone())) is { } message)
                {
                    problems.Add(new SelectorProblem(i, message));
                }
            }
        }

        if (problems.Count == 0 && Problem(selector) is { } whole)
        {
            problems.Add(new SelectorProblem(null, whole));
        }

        return TypedResults.Ok(new SelectorCheck(problems.Count == 0, problems));
    }

    private static string? Problem(JsonNode? selector)
    {
        try
        {
            Selector.Parse(selector);
            return null;
        }
        catch (SelectorException ex)
        {
            return ex.Message;
        }
    }
}

/// <summary>Whether the selector reads, and what is wrong with it.</summary>
public sealed record SelectorCheck(bool Valid, IReadOnlyList<SelectorProblem> Problems);

/// <summary>A message from <see cref="Selector.Parse"/>; <paramref name="Candidate"/> is the index of the bad candidate, null for the selector as a whole.</summary>
public sealed record SelectorProblem(int? Candidate, string Message);
