using System.Text.Json;
using Automation.Engine.Persistence;
using Automation.Server.Scheduling;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Automation.Server.Health;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers and the scheduler runs.</summary>
public static class HealthApi
{
    public const string ReadyTag = "ready";

    private static readonly ReadOnlyMemory<byte> LiveBody = """{"status":"Healthy","checks":{}}"""u8.ToArray();

    public static IServiceCollection AddServerHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        // Liveness runs no check, so it answers a constant instead of going through the health-check service (a scope,
        // a report and reflection-based JSON per probe): the same body as a report without checks, at a fraction of the
        // CPU. Any method, like the health-check endpoint it replaces (probes use GET or HEAD; Kestrel drops a HEAD's body).
        app.Map("/health/live", static context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = LiveBody.Length;
            return context.Response.Body.WriteAsync(LiveBody, context.RequestAborted).AsTask();
        }).AllowAnonymous().WithTags("Health").ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }).AllowAnonymous().WithTags("Health");
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

/// <summary>The store answers a query.</summary>
internal sealed class DatabaseHealthCheck(IDefinitionStore definitions) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await definitions.ListVersionsAsync("health-probe", cancellationToken);
            return HealthCheckResult.Healthy("database reachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"database not reachable: {ex.Message}");
        }
    }
}
