using System.CommandLine;
using System.Diagnostics;
using Automation.Data.RunLog;
using Microsoft.Data.Sqlite;

namespace Automation.Cli.Commands.Audit;

/// <summary>
/// <c>automation audit verify --db PATH</c>: walks the whole chain and every checkpoint; prints
/// <c>OK: N records, head H</c> or the first broken sequence number and what is wrong. Exit 1 on any break.
/// </summary>
internal sealed class AuditVerifyCommand(string database)
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The server's SQLite file (its checkpoint file lies beside it).", HelpName = "PATH", Required = true };
        var command = new Command("verify", "Recomputes every hash of the run log and checks the checkpoints. Exit 1 if anything was changed, deleted, reordered or truncated.") { db };
        command.SetAction((parse, _) => Task.FromResult(new AuditVerifyCommand(parse.GetRequiredValue(db)).Execute()));
        return command;
    }

    private int Execute()
    {
        RunLogVerification result;
        var watch = Stopwatch.StartNew();
        try
        {
            result = RunLogVerifier.VerifyAll(database);
        }
        catch (Exception ex) when (ex is FileNotFoundException or SqliteException)
        {
            Console.Error.WriteLine($"{database}: {ex.Message}");
            return ExitCodes.Failed;
        }

        if (result.IsIntact)
        {
            Console.Out.WriteLine(result.ToString());
            Console.Error.WriteLine($"verified in {watch.Elapsed.TotalSeconds:0.00} s");
            return ExitCodes.Ok;
        }

        Console.Out.WriteLine(result.ToString());
        Console.Error.WriteLine($"The run log is not intact; records up to sequence {result.HeadSequence} are good. Keep the file as evidence and restore the database from a backup.");
        return ExitCodes.Failed;
    }
}
