using System.CommandLine;
using Automation.Cli.Commands;

var root = new RootCommand("Runs, checks and resumes Automation workflow files.")
{
    RunCommand.Create(),
    ValidateCommand.Create(),
    ResumeCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
