using System.Text.Json;
using System.Text.Json.Serialization;
using Automation.Connectors;
using Automation.Data;
using Automation.Engine.Hosting;
using Automation.Engine.Runtime;
using Automation.Robots.Desktop.Hosting;
using Automation.Robots.Hosting;
using Automation.Robots.Web.Hosting;
using Automation.Server.Dispatch;
using Automation.Server.Errors;
using Automation.Server.FileDrops;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Serilog;

namespace Automation.Server.Hosting;

/// <summary>The pieces of Program.cs: options, engine on SQLite, API conventions and the request pipeline.</summary>
public static class ServerHostingExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ServerOptions"/>, resolving folders against the content root. Nothing reads
    /// configuration before the host is built, so settings added late (tests, command line) always apply.
    /// </summary>
    public static WebApplicationBuilder AddServerOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServerOptions>()
            .BindConfiguration(ServerOptions.Section)
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                o.DataDirectory = Path.GetFullPath(o.DataDirectory, environment.ContentRootPath);
                o.DemoWorkflowsDirectory = Path.GetFullPath(o.DemoWorkflowsDirectory, environment.ContentRootPath);
                Directory.CreateDirectory(o.DataDirectory);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<ServerOptions>>((kestrel, options) => kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>The engine with its SQLite stores in the data folder, a Serilog workflow log and background dispatch.</summary>
    public static IServiceCollection AddServerEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IWorkflowLog, SerilogWorkflowLog>();
        services.AddAutomationEngine();
        services.AddAutomationConnectors(configuration);
        services.AddAutomationRobots(configuration).AddWebRobotDriver().AddDesktopRobotDriver(configuration);
        services.AddAutomationSqlite(sp => sp.GetRequiredService<IOptions<ServerOptions>>().Value.DatabasePath);
        services.AddSingleton<InstanceDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<InstanceDispatcher>());
        services.AddServerFileDrops();
        services.AddSingleton<DemoData>();
        return services;
    }

    /// <summary>ProblemDetails for every error, JSON like the workflow format (camelCase, enums as text), OpenAPI.</summary>
    public static IServiceCollection AddServerApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            ProblemDefaults.Apply(c);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerTokenDocumentTransformer>());
        return services;
    }

    /// <summary>Applies migrations and seeds the example workflows before the server takes requests.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        await AutomationDatabase.MigrateAsync(options.DatabasePath, CancellationToken.None);
        await Storage.ServerDatabase.MigrateAsync(options.DatabasePath, CancellationToken.None);
        await app.Services.GetRequiredService<Security.FirstAdministrator>().EnsureAsync(CancellationToken.None);
        await app.Services.GetRequiredService<DemoData>().SeedAsync(CancellationToken.None);
    }

    /// <summary>Prints where the server listens once it does: the start command's user reads this line.</summary>
    public static WebApplication AnnounceAddresses(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                // Console, not the logger: this is the start command's answer to the person who ran it.
                Console.Out.WriteLine($"Automation is running at {address}  (API docs: {address.TrimEnd('/')}/api-docs)");
            }
        });
        return app;
    }

    /// <summary>Errors as ProblemDetails, request logging, authentication, and the OpenAPI document with its browsable page.</summary>
    public static WebApplication UseServerPipeline(this WebApplication app)
    {
        // Request logging outside the exception handler, so it records the status sent (a 4xx), not the exception as a 500.
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = RequestLogLevel;
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api-docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Automation API");
            o.DocumentTitle = "Automation API";
        });
        return app;
    }

    /// <summary>
    /// Serilog's default levels (Error for a 5xx or an exception, Information otherwise), except that a health probe
    /// that succeeded is Debug: load balancers and orchestrators probe every few seconds, and a console and file line
    /// per probe buried the lines that matter and cost more CPU than the probe's answer.
    /// </summary>
    internal static Serilog.Events.LogEventLevel RequestLogLevel(HttpContext context, double elapsedMs, Exception? exception) =>
        exception is not null || context.Response.StatusCode > 499 ? Serilog.Events.LogEventLevel.Error
        : context.Response.StatusCode < 400 && context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) ? Serilog.Events.LogEventLevel.Debug
        : Serilog.Events.LogEventLevel.Information;
}
