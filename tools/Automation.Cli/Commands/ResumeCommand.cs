using System.CommandLine;
using Automation.Cli.Hosting;
using Automation.Engine.Runtime;

namespace Automation.Cli.Commands;

/// <summary>
/// <c>automation resume --db PATH</c>: the crash-recovery path. Continues instances whose lease expired or whose
/// process died, and Delay timers that are due.
/// </summary>
internal sealed class ResumeCommand(string databasePath)
{
    public static Command Create()
    {
        var database = new Option<string>("--db") { Description = "The SQLite file that 'automation run --db' wrote.", Required = true, HelpName = "PATH" };
        var command = new Command("resume", "Continues interrupted instances (expired lease or dead process) and due timers. Exit 1 if one faults.") { database };
        command.SetAction((parse, cancellationToken) => new ResumeCommand(parse.GetRequiredValue(database)).ExecuteAsync(cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(databasePath))
        {
            await Console.Error.WriteLineAsync($"--db {databasePath}: no such database; give the file that 'automation run --db' wrote.");
            return ExitCodes.Failed;
        }

        var latest = new Dictionary<string, RunResult>(StringComparer.Ordinal);
        try
        {
            await using var engine = CliEngine.Create(databasePath);
            await engine.OpenStoreAsync(cancellationToken);
            foreach (var result in await engine.Runtime.ResumeInterruptedAsync(cancellationToken))
            {
                latest[result.InstanceId] = result;
            }

            foreach (var result in await engine.Runtime.ResumeDueTimersAsync(cancellationToken))
            {
                latest[result.InstanceId] = result;
            }
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }

        foreach (var result in latest.Values)
        {
            Console.Out.WriteLine($"{result.InstanceId} {result.Status}");
            if (result.Incident is { } incident)
            {
                Console.Error.WriteLine($"{result.InstanceId} faulted at {CliText.Describe(incident)}");
            }
        }

        var results = latest.Values.ToList();
        Console.Out.WriteLine(results.Count == 0
            ? "Nothing to resume: no interrupted instances and no due timers."
            : $"Resumed {results.Count} instance{(results.Count == 1 ? "" : "s")}: {Count(results, InstanceStatus.Finished)} finished, {Count(results, InstanceStatus.Suspended)} suspended, {Count(results, InstanceStatus.Faulted)} faulted.");
        return results.Exists(r => r.Status == InstanceStatus.Faulted) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static int Count(List<RunResult> results, InstanceStatus status) => results.Count(r => r.Status == status);
}
