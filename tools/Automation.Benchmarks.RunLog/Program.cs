using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Automation.Data.RunLog;
using Automation.Engine.RunLog;

// The run-log benchmark: the same rows appended by the same batched, durable writer twice, once without the
// chain (baseline: plain inserts) and once hashed, then the hashed log verified end to end.
var events = IntArg("--events", 1_000_000);
var appenders = IntArg("--appenders", 256);
var folder = Path.Combine(Path.GetTempPath(), "runlog-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
try
{
    Console.WriteLine(FormattableString.Invariant($"run-log benchmark: {events:N0} events, {appenders} concurrent appenders, synchronous=FULL, {Environment.ProcessorCount} cores"));
    var plain = await AppendAsync(Path.Combine(folder, "plain.db"), hashing: false);
    Console.WriteLine(FormattableString.Invariant($"plain insert (no hashing): {plain.TotalSeconds,7:0.00} s  {events / plain.TotalSeconds,10:N0} events/s"));
    var hashed = await AppendAsync(Path.Combine(folder, "hashed.db"), hashing: true);
    Console.WriteLine(FormattableString.Invariant($"hash-chained append:       {hashed.TotalSeconds,7:0.00} s  {events / hashed.TotalSeconds,10:N0} events/s"));
    Console.WriteLine(FormattableString.Invariant($"ratio hashed/plain time:   {hashed / plain:0.00}x (target <= 1.30)"));

    var watch = Stopwatch.StartNew();
    var result = RunLogVerifier.VerifyAll(Path.Combine(folder, "hashed.db"));
    watch.Stop();
    Console.WriteLine(FormattableString.Invariant($"verify:                    {watch.Elapsed.TotalSeconds,7:0.00} s  {result.Records / watch.Elapsed.TotalSeconds,10:N0} events/s  ({result})"));
    return result.IsIntact && result.Records == events ? 0 : 1;
}
finally
{
    Directory.Delete(folder, recursive: true);
}

async Task<TimeSpan> AppendAsync(string database, bool hashing)
{
    await using var log = SqliteRunLog.Open(new SqliteRunLogOptions { DatabasePath = database, Hashing = hashing });
    var next = 0;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, appenders).Select(_ => Task.Run(async () =>
    {
        int n;
        while ((n = Interlocked.Increment(ref next)) <= events)
        {
            await log.AppendAsync(Event(n), CancellationToken.None);
        }
    })));
    watch.Stop();
    return watch.Elapsed;
}

static RunLogEvent Event(int n) => new()
{
    Type = RunLogEventTypes.ActivityExecuted,
    Actor = new RunLogActor(RunLogActorKind.User, "planner.jensen"),
    Correlation = new RunLogCorrelation
    {
        InstanceId = "inst-" + (n / 10).ToString("x8", CultureInfo.InvariantCulture),
        BusinessKey = "REF-" + (n / 10).ToString(CultureInfo.InvariantCulture),
        WorkflowId = "referral-transfer",
        WorkflowVersion = 3,
    },
    Outcome = "Done",
    Payload = new JsonObject
    {
        ["activityId"] = "fill-" + (n % 7).ToString(CultureInfo.InvariantCulture),
        ["activityType"] = "Fill",
        ["selector"] = "label=Henvisningsdato",
        ["value"] = "2026-11-25",
        ["verified"] = true,
    },
};

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
