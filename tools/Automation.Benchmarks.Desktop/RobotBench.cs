using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Robots.Desktop.Driver;
using Automation.Robots.Selectors;
using Automation.Robots.Sessions;
using Automation.Engine.Credentials;
using Automation.Robots.Targets;

namespace Automation.Benchmarks.Desktop;

/// <summary>
/// Our side: the desktop driver's robot session, exactly as workflow steps use it (every element found afresh by its
/// selector, every write read back), doing what pyatspi_reference.py does.
/// </summary>
internal static class RobotBench
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly string[] Departments = ["Kardiologi", "Ortopædkirurgi", "Neurologi", "Onkologi", "Medicin"];
    private static readonly string[] Priorities = ["Akut", "Haster", "Normal"];

    public static async Task<BenchResult> RunAsync(LegacyApp app, BenchOptions options, CancellationToken cancellationToken)
    {
        var driver = new DesktopDriver(new DesktopRobotOptions());
        var login = new LoginDescription();
        login.UserName.Add(new SelectorCandidate { TestId = "username" });
        login.Password.Add(new SelectorCandidate { TestId = "password" });
        login.Submit.Add(new SelectorCandidate { TestId = "login" });
        login.Success.Add(new SelectorCandidate { TestId = "new-registration" });
        var target = new TargetSystem
        {
            Name = "pas",
            Kind = "desktop",
            Application = new ApplicationDescription { AttachTo = app.Pid.ToString(CultureInfo.InvariantCulture) },
            Credential = "pas",
            Login = login,
        };
        var credential = new Credential("pas", new Dictionary<string, string> { ["userName"] = "robot", ["password"] = "robot-password" });

        var clock = Stopwatch.StartNew();
        await using var robot = await driver.OpenAsync(target, credential, Timeout, cancellationToken);
        await robot.SignInAsync(Timeout, cancellationToken);
        var loginSeconds = clock.Elapsed.TotalSeconds;

        // Per-action latency on the open form: find the field, set its text, read it back (one Fill).
        await OpenFormAsync(robot, cancellationToken);
        var latencies = new List<double>(options.Actions);
        var name = Id("name");
        for (var i = 0; i < options.Actions; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            await robot.FillAsync(name, "Navn " + i.ToString(CultureInfo.InvariantCulture), Timeout, cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        }

        await robot.ClickAsync(Id("cancel"), Timeout, cancellationToken);
        await robot.WaitForAsync(Id("referral"), ElementState.Hidden, Timeout, cancellationToken);

        var transfer = Stopwatch.StartNew();
        for (var number = 1; number <= options.Records; number++)
        {
            await RegisterAsync(robot, number, cancellationToken);
        }

        return BenchResult.FromLatencies(latencies, transfer.Elapsed.TotalSeconds, loginSeconds);
    }

    private static async Task OpenFormAsync(IRobotSession robot, CancellationToken cancellationToken)
    {
        await Timed("ClickAsync:new-registration", () => robot.ClickAsync(Id("new-registration"), Timeout, cancellationToken));
        await Timed("WaitForAsync:referral", () => robot.WaitForAsync(Id("referral"), ElementState.Editable, Timeout, cancellationToken));
    }

    /// <summary>The same record as pyatspi_reference.py's <c>record()</c>, with the prefix CS.</summary>
    private static async Task RegisterAsync(IRobotSession robot, int n, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        var referral = string.Create(inv, $"CS-{n:000000}");
        await OpenFormAsync(robot, cancellationToken);
        await Timed("FillAsync:referral", () => robot.FillAsync(Id("referral"), referral, Timeout, cancellationToken));
        await Timed("FillAsync:cpr", () => robot.FillAsync(Id("cpr"), string.Create(inv, $"{1 + (n % 28):00}{1 + (n % 12):00}{50 + (n % 40):00}-{1000 + n:0000}"), Timeout, cancellationToken));
        await Timed("FillAsync:name", () => robot.FillAsync(Id("name"), string.Create(inv, $"Ærø-Marie Østergaard {n}"), Timeout, cancellationToken));
        await Timed("SelectAsync:department", () => robot.SelectAsync(Id("department"), Departments[n % Departments.Length], OptionMatch.Label, Timeout, cancellationToken));
        await Timed("SelectAsync:priority", () => robot.SelectAsync(Id("priority"), Priorities[n % Priorities.Length], OptionMatch.Label, Timeout, cancellationToken));
        await Timed("FillAsync:received", () => robot.FillAsync(Id("received"), string.Create(inv, $"{1 + (n % 28):00}-{1 + (n % 12):00}-2024"), Timeout, cancellationToken));
        await Timed("FillAsync:note", () => robot.FillAsync(Id("note"), string.Create(inv, $"Henvist fra egen læge, nr. {n}"), Timeout, cancellationToken));
        await Timed("CheckAsync:acute", () => robot.CheckAsync(Id("acute"), n % 4 == 0, Timeout, cancellationToken));
        await Timed("CheckAsync:interpreter", () => robot.CheckAsync(Id("interpreter"), n % 5 == 0, Timeout, cancellationToken));
        await Timed("ClickAsync:save", () => robot.ClickAsync(Id("save"), Timeout, cancellationToken));
        await Timed("WaitForAsync:save", () => robot.WaitForAsync(Id("save"), ElementState.Hidden, Timeout, cancellationToken));

        // Verify: search and read until the screen shows this search's answer, exactly one row.
        await Timed("FillAsync:search", () => robot.FillAsync(Id("search"), referral, Timeout, cancellationToken));
        await Timed("ClickAsync:search-button", () => robot.ClickAsync(Id("search-button"), Timeout, cancellationToken));
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var status = (await Timed("ReadTextAsync:status", () => robot.ReadTextAsync(Id("status"), Timeout, cancellationToken))).Value;
            if (status.EndsWith("registrering(er) fundet", StringComparison.Ordinal))
            {
                var rows = (await Timed("ReadTableAsync:results", () => robot.ReadTableAsync(Id("results"), Timeout, cancellationToken))).Value;
                if (rows.Count > 0 && rows.All(r => r?["Henvisnings-id"]?.GetValue<string>() == referral))
                {
                    if (rows.Count != 1)
                    {
                        throw new InvalidOperationException($"{referral}: {rows.Count} rows after saving");
                    }

                    return;
                }
            }

            if (deadline.Elapsed > Timeout)
            {
                throw new InvalidOperationException($"the search for {referral} did not answer (status: {status})");
            }
        }
    }

    /// <summary>Total time per step kind (action and element) over the transfer, for --breakdown.</summary>
    public static Dictionary<string, (int Count, double Ms)> Steps { get; } = [];

    private static async Task<T> Timed<T>(string step, Func<Task<T>> action)
    {
        var begin = Stopwatch.GetTimestamp();
        try
        {
            return await action();
        }
        finally
        {
            var (count, ms) = Steps.GetValueOrDefault(step);
            Steps[step] = (count + 1, ms + Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        }
    }

    private static Selector Id(string testId) => Selector.Parse(new JsonArray(new JsonObject { ["testId"] = testId }));
}
