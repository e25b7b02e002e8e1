using System.CommandLine;
using Automation.Cli.Commands;
using Automation.Cli.Commands.Audit;
using Automation.Cli.Commands.Places;

var root = new RootCommand("Runs, checks and resumes Automation workflow files.")
{
    RunCommand.Create(),
    ValidateCommand.Create(),
    ResumeCommand.Create(),
    PlacesCommand.Create(),
    AuditCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
