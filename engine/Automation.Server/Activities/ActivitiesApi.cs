using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Server.Activities;

/// <summary>Activity descriptors: the designer's palette and property forms.</summary>
public static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/activities", List).WithTags("Activities").RequireAuthorization(Policies.ReadDefinitions);
        return app;
    }

    private static Ok<IReadOnlyList<ActivityView>> List(ActivityRegistry registry) =>
        TypedResults.Ok<IReadOnlyList<ActivityView>>(registry.Descriptors.Select(ActivityView.Of).ToList());
}

/// <summary>An activity type as the designer sees it.</summary>
public sealed record ActivityView(
    string Type,
    string Category,
    string DisplayName,
    string? Description,
    IReadOnlyList<InputView> Inputs,
    IReadOnlyList<string> Outcomes,
    bool HasDynamicOutcomes,
    bool IsBlocking,
    bool IsStart,
    bool IsJoin)
{
    public static ActivityView Of(ActivityDescriptor d) => new(
        d.Type, d.Category, d.DisplayName, d.Description, d.Inputs.Select(InputView.Of).ToList(), d.Outcomes, d.HasDynamicOutcomes, d.IsBlocking, d.IsStart, d.IsJoin);
}

/// <summary>One input of an activity type.</summary>
public sealed record InputView(string Name, string DisplayName, string Type, string? Description, bool Required, bool AllowExpression, string Editor, IReadOnlyList<string>? Options, JsonNode? Default)
{
    public static InputView Of(InputDescriptor i) => new(
        i.Name, i.DisplayName, i.Type.ToString().ToLowerInvariant(), i.Description, i.Required, i.AllowExpression, i.Editor.ToString(), i.Options, i.DefaultJson);
}
