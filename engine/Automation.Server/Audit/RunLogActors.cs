using System.Security.Claims;
using Automation.Engine.RunLog;
using Automation.Server.Security;

namespace Automation.Server.Audit;

/// <summary>Who the current request acts for, as a run-log actor.</summary>
internal static class RunLogActors
{
    public static RunLogActor From(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true, Name: { } name })
        {
            return RunLogActor.Engine;
        }

        return new RunLogActor(user.IsToken() ? RunLogActorKind.Token : RunLogActorKind.User, name);
    }

    /// <summary>The caller of the current request, else the ambient actor (a trigger), else the engine.</summary>
    public static RunLogActor Current(IHttpContextAccessor http) =>
        http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? From(user) : RunLogActor.Current ?? RunLogActor.Engine;
}
