using System.CommandLine;
using Automation.Cli.Files;
using Automation.Cli.Hosting;
using Automation.Engine.Validation;

namespace Automation.Cli.Commands;

/// <summary><c>automation validate FILE</c>: lists every problem of a workflow file with its JSON path.</summary>
internal sealed class ValidateCommand(string file)
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The workflow file: our JSON format or an Elsa 3 export.", HelpName = "FILE" };
        var command = new Command("validate", "Checks a workflow file and prints each problem as 'PATH: message'. Exit 1 if there is an error.") { file };
        command.SetAction((parse, cancellationToken) => new ValidateCommand(parse.GetRequiredValue(file)).ExecuteAsync(cancellationToken));
        return command;
    }

    private async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ValidationProblem> problems;
        var activities = 0;
        var connections = 0;
        try
        {
            var definition = await WorkflowFile.LoadAsync(file, cancellationToken);
            await using var engine = CliEngine.Create(databasePath: null);
            problems = engine.Runtime.Validator.Validate(definition);
            activities = definition.Root.Activities.Count;
            connections = definition.Root.Connections.Count;
        }
        catch (WorkflowFileException ex)
        {
            problems = [new ValidationProblem(ex.JsonPath, ex.Message)];
        }
        catch (WorkflowDefinitionException ex)
        {
            problems = ex.Problems;
        }

        foreach (var problem in problems)
        {
            Console.Out.WriteLine(problem.Severity == Severity.Warning ? $"{problem.Path}: warning: {problem.Message}" : $"{problem.Path}: {problem.Message}");
        }

        if (problems.Any(p => p.Severity == Severity.Error))
        {
            var errors = problems.Count(p => p.Severity == Severity.Error);
            await Console.Error.WriteLineAsync($"{file}: {errors} error{(errors == 1 ? "" : "s")}; fix {(errors == 1 ? "it" : "them")} and validate again.");
            return ExitCodes.Failed;
        }

        Console.Out.WriteLine($"OK: {activities} activities, {connections} connections");
        return ExitCodes.Ok;
    }
}
