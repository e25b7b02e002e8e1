using System.CommandLine;
using System.Text.Json.Nodes;
using Automation.Cli.Arguments;
using Automation.Cli.Files;
using Automation.Cli.Hosting;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;

namespace Automation.Cli.Commands;

/// <summary><c>automation run FILE</c>: runs a workflow file to completion or suspension and prints its output.</summary>
internal sealed class RunCommand(string file, IReadOnlyList<string> inputs, string? databasePath, string maxWait)
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The workflow file: our JSON format or an Elsa 3 export.", HelpName = "FILE" };
        var inputs = new Option<string[]>("--input", "-i")
        {
            Description = "A workflow input as name=value; the value is read as JSON when it parses (42, true, {\"a\":1}), else as text. Repeat for more.",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "name=value",
        };
        var database = new Option<string?>("--db") { Description = "SQLite file to keep the instance in, so 'automation resume' can continue it. Without it, nothing is kept.", HelpName = "PATH" };
        var maxWait = new Option<string>("--max-wait")
        {
            Description = "How long to wait for Delay timers (30s, 5m, 00:01:30). Timers due later leave the instance suspended (exit 2).",
            DefaultValueFactory = _ => "30s",
            HelpName = "DURATION",
        };
        var command = new Command("run", "Runs a workflow file until it finishes (exit 0), suspends (exit 2) or faults (exit 1). The output is printed as JSON on the last line.")
        {
            file, inputs, database, maxWait,
        };
        command.SetAction((parse, cancellationToken) => new RunCommand(
            parse.GetRequiredValue(file),
            parse.GetValue(inputs) ?? [],
            parse.GetValue(database),
            parse.GetValue(maxWait) ?? "30s").ExecuteAsync(cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        RunResult result;
        try
        {
            var wait = Durations.Parse(maxWait, "--max-wait");
            var input = InputValues.Parse(inputs);
            var definition = await WorkflowFile.LoadAsync(file, cancellationToken);
            await using var engine = CliEngine.Create(databasePath);

            // Everything the user can get wrong is checked before the store is touched, so a bad run leaves nothing behind.
            engine.Validator.EnsureValid(definition, file);
            try
            {
                WorkflowInputs.Bind(definition, input);
            }
            catch (WorkflowInputException ex)
            {
                var missing = definition.Inputs.Where(i => i.Required && i.Default is null && input[i.Name] is null).Select(i => $"--input {i.Name}=VALUE");
                throw new WorkflowInputException($"{ex.Message} Pass inputs on the command line: {string.Join(" ", missing.DefaultIfEmpty("--input name=VALUE"))}.", ex);
            }

            await engine.OpenStoreAsync(cancellationToken);
            var published = await engine.Definitions.PublishIfChangedAsync(definition, cancellationToken);
            result = await engine.Runtime.StartAsync(published, new StartOptions { Input = input }, cancellationToken);
            result = await WaitForTimersAsync(engine, result, wait, cancellationToken);
        }
        catch (Exception ex) when (ex is CliException or WorkflowFileException or WorkflowDefinitionException or WorkflowInputException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.Failed;
        }

        return Report(result);
    }

    /// <summary>Waits on the clock for this instance's timers that fall due within <paramref name="maxWait"/> and resumes them.</summary>
    private static async Task<RunResult> WaitForTimersAsync(CliEngine engine, RunResult result, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var deadline = clock.GetUtcNow() + maxWait;
        while (result.Status == InstanceStatus.Suspended)
        {
            var next = result.Bookmarks
                .Where(b => b.DueAt is { } due && due <= deadline)
                .OrderBy(b => b.DueAt)
                .FirstOrDefault();
            if (next is null)
            {
                break;
            }

            var wait = next.DueAt!.Value - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }

            // Only this run's own bookmark: other instances in a shared --db are left to 'automation resume'.
            result = await engine.Runtime.ResumeBookmarkAsync(next.Id, null, cancellationToken);
        }

        return result;
    }

    private int Report(RunResult result)
    {
        switch (result.Status)
        {
            case InstanceStatus.Finished:
                break;
            case InstanceStatus.Suspended:
                Console.Error.WriteLine($"Suspended: instance {result.InstanceId} waits on:");
                foreach (var bookmark in result.Bookmarks)
                {
                    Console.Error.WriteLine($"  {CliText.Describe(bookmark)}");
                }

                Console.Error.WriteLine(databasePath is null
                    ? "Nothing is kept without --db: run again with --db FILE to continue it later with 'automation resume --db FILE'."
                    : $"Continue it with 'automation resume --db {databasePath}' once a timer is due, or by answering the bookmark.");
                break;
            case InstanceStatus.Faulted:
                Console.Error.WriteLine($"Faulted: instance {result.InstanceId}");
                if (result.Incident is { } incident)
                {
                    Console.Error.WriteLine($"  {CliText.Describe(incident)}");
                }

                break;
            default:
                Console.Error.WriteLine($"Instance {result.InstanceId} is {result.Status}.");
                break;
        }

        Console.Out.WriteLine(result.Output.ToJsonString(CliText.OutputJson));
        Console.Out.Flush();
        return result.Status switch
        {
            InstanceStatus.Finished => ExitCodes.Ok,
            InstanceStatus.Suspended => ExitCodes.Suspended,
            _ => ExitCodes.Failed,
        };
    }
}
