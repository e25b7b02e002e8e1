using System.CommandLine;

namespace Automation.Cli.Commands.Audit;

/// <summary><c>automation audit ...</c>: the run log for auditors.</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "Checks the hash-chained run log.")
    {
        AuditVerifyCommand.Create(),
    };
}
