using System.Security.Cryptography;
using System.Text;
using Automation.LegacyWeb.Control;
using Automation.LegacyWeb.Faults;

namespace Automation.LegacyWeb.Admin;

/// <summary>The same switches as <see cref="LegacyControl"/>, over HTTP for a system started as a separate process. Every call needs the header <c>X-Admin-Secret</c>.</summary>
internal static class AdminApi
{
    public const string SecretHeader = "X-Admin-Secret";

    public static void MapAdminApi(this IEndpointRouteBuilder app, LegacyState state, LegacyControl control)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            if (state.Options.AdminSecret is not { Length: > 0 } secret)
            {
                return TypedResults.Problem("The admin endpoints are disabled: start the system with --admin-secret <secret>.", statusCode: StatusCodes.Status403Forbidden);
            }

            var given = context.HttpContext.Request.Headers[SecretHeader].ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(secret)))
            {
                return TypedResults.Problem($"Wrong or missing {SecretHeader} header.", statusCode: StatusCodes.Status401Unauthorized);
            }

            return await next(context);
        });

        admin.MapGet("/faults", () => TypedResults.Ok(control.Faults));
        admin.MapPut("/faults", (FaultSettings settings, int? seed) =>
        {
            if (settings.Problem() is { } problem)
            {
                return Results.Problem($"Fault settings rejected: {problem}", statusCode: StatusCodes.Status400BadRequest);
            }

            control.SetFaults(settings, seed);
            return Results.Ok(control.Faults);
        });
        admin.MapPost("/sessions/expire", () =>
        {
            control.ExpireAllSessions();
            return TypedResults.NoContent();
        });
        admin.MapPost("/seed", (int count) =>
        {
            if (count is < 1 or > 100_000)
            {
                return Results.Problem($"count {count} must be between 1 and 100000.", statusCode: StatusCodes.Status400BadRequest);
            }

            var added = control.SeedReferrals(count);
            return Results.Ok(new { added = added.Count, total = control.Referrals().Count });
        });
        admin.MapGet("/referrals", () => TypedResults.Ok(control.Referrals()));
        admin.MapGet("/registrations", (string? referralId) => TypedResults.Ok(control.Registrations(referralId)));
    }
}
