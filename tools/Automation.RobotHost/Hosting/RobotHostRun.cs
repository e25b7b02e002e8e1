using Automation.Data;
using Automation.Engine.Activities;
using Automation.Engine.Credentials;
using Automation.Engine.ElsaImport;
using Automation.Engine.Expressions;
using Automation.Engine.Hosting;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using Automation.Robots.Desktop.Hosting;
using Automation.Robots.Hosting;
using Automation.Robots.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Automation.RobotHost.Hosting;

/// <summary>
/// Reads the options, builds the engine with the robot activities, the Playwright driver, the SQLite store and the
/// configured targets and credentials, runs the workflow once and prints <c>INSTANCE-ID STATUS</c> as its last line.
/// </summary>
internal static class RobotHostRun
{
    private const int Ok = 0;
    private const int Failed = 1;
    private const int Usage = 2;

    public static async Task<int> ExecuteAsync(string[] args, CancellationToken cancellationToken)
    {
        IConfiguration configuration;
        try
        {
            configuration = Configuration(args);
        }
        catch (RobotHostException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return Usage;
        }

        var workflowPath = configuration["workflow"];
        var databasePath = configuration["db"];
        if (string.IsNullOrWhiteSpace(workflowPath) || string.IsNullOrWhiteSpace(databasePath))
        {
            await Console.Error.WriteLineAsync("Give the workflow file and the SQLite file: --workflow workflows/referral-transfer.json --db data/robot.db [--settings robot-host.json].");
            return Usage;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IWorkflowLog, ConsoleWorkflowLog>();
        services.AddSingleton<ICredentialStore>(ConfiguredCredentials.From(configuration));
        services.AddAutomationSqlite(databasePath);
        services.AddAutomationRobots(configuration).AddWebRobotDriver().AddDesktopRobotDriver(configuration);
        services.AddAutomationEngine();

        // Disposing the provider closes the browser and writes the journal's pending commits before the process ends.
        await using var provider = services.BuildServiceProvider();
        RunResult result;
        try
        {
            var definition = WorkflowFileLoader.Load(workflowPath);
            new WorkflowValidator(provider.GetRequiredService<ActivityRegistry>(), provider.GetRequiredService<IExpressionEvaluator>()).EnsureValid(definition, workflowPath);

            // Resolving the database creates or migrates the file before the runtime first touches it.
            provider.GetRequiredService<AutomationDatabase>();
            var published = await provider.GetRequiredService<IDefinitionStore>().PublishIfChangedAsync(definition, cancellationToken);
            result = await provider.GetRequiredService<WorkflowRuntime>().StartAsync(published, new StartOptions(), cancellationToken);
        }
        catch (Exception ex) when (ex is WorkflowDefinitionException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"{workflowPath}: {ex.Message}");
            return Failed;
        }
        catch (SqliteException ex)
        {
            await Console.Error.WriteLineAsync($"--db {databasePath}: cannot be opened as an Automation database ({ex.Message}); give a file a robot host or 'automation run --db' wrote, or a new file name.");
            return Failed;
        }

        if (result.Incident is { } incident)
        {
            await Console.Error.WriteLineAsync($"Incident in activity '{incident.ActivityId}': {incident.Message}");
        }

        Console.Out.WriteLine($"{result.InstanceId} {result.Status}");
        return result.Status == InstanceStatus.Finished ? Ok : Failed;
    }

    /// <summary>The settings file (when given), then environment variables, then the command line, each overriding the one before.</summary>
    private static IConfigurationRoot Configuration(string[] args)
    {
        var settings = new ConfigurationBuilder().AddCommandLine(args).Build()["settings"];
        var builder = new ConfigurationBuilder();
        if (!string.IsNullOrWhiteSpace(settings))
        {
            var full = Path.GetFullPath(settings);
            if (!File.Exists(full))
            {
                throw new RobotHostException($"--settings {settings}: file not found; give the JSON file with Automation:Robots:Targets and Automation:Credentials.");
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        return builder.AddEnvironmentVariables().AddCommandLine(args).Build();
    }
}
