using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Automation.LoadTest;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

// The whole run is bounded: Ctrl+C or the time limit stops it, the server child included.
using var stop = new CancellationTokenSource(options.TimeLimit);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var ct = stop.Token;

if (options.PerRequest)
{
    Console.WriteLine($"load-server --per-request: {options.Requests:N0} requests per probe, {options.Concurrency} keep-alive clients; load average {Report.LoadAverage()} at start");
    var adminPassword = $"Load-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}-a1";
    try
    {
        await using var server = await ServerProcess.StartAsync(options.ServerDll!, adminPassword, options.ServerArguments, ct);
        PerRequest.Print(await PerRequest.MeasureAsync(server, adminPassword, options.Requests, options.Concurrency, Math.Min(options.Requests, 2_000), ct));
        Console.WriteLine($"server console lines: {server.OutputLines:N0}; load average at end: {Report.LoadAverage()} ({Environment.ProcessorCount} cores)");
        return 0;
    }
    catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or OperationCanceledException)
    {
        Console.Error.WriteLine($"FAILED: {ex.Message}");
        return 1;
    }
}

Console.WriteLine($"load-server: {options.Instances:N0} instances per phase, {options.Concurrency} requests in flight, {options.Warmup:N0} warm-up instances not counted");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, load average {Report.LoadAverage()} at start");

var password = $"Load-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}-a1";
var phases = new List<PhaseResult>();
TimeSpan dispatchAllFinished;
long serverLines;
try
{
    await using (var server = await ServerProcess.StartAsync(options.ServerDll!, password, options.ServerArguments, ct))
    {
        Console.WriteLine($"server: {server.Address} (child process, data in {server.DataDirectory}){(options.ServerArguments.Count == 0 ? "" : " with " + string.Join(' ', options.ServerArguments))}");
        var token = await ApiSession.PrepareAsync(server.Address, password, ["load-warmup", "load-execute", "load-dispatch"], ct);
        using var client = ApiSession.LoadClient(server.Address, token, options.Concurrency);
        var api = new ApiLoad(client);

        await Phase.RunAsync("warm-up", options.Warmup, options.Concurrency, "req", (i, c) => api.ExecuteAsync("load-warmup", i, c), ct);

        var execute = await Phase.RunAsync("API execute (200 with output)", options.Instances, options.Concurrency, "req", (i, c) => api.ExecuteAsync("load-execute", i, c), () => server.CpuTime, ct);
        phases.Add(execute);
        var executeStored = await api.CountAsync("load-execute", "Finished", ct);

        var since = Stopwatch.StartNew();
        var cpuBefore = server.CpuTime;
        var dispatch = await Phase.RunAsync("API dispatch (202 at once)", options.Instances, options.Concurrency, "req", (i, c) => api.DispatchAsync("load-dispatch", i, c), ct);
        dispatchAllFinished = await api.WaitAllFinishedAsync("load-dispatch", options.Instances, since, ct);
        var dispatchStored = await api.CountAsync("load-dispatch", "Finished", ct);

        // CPU until all dispatched instances finished, so the background runs are included (the polling is a few requests).
        phases.Add(dispatch with { Finished = dispatchStored, Cpu = server.CpuTime - cpuBefore });
        serverLines = server.OutputLines;

        Console.WriteLine($"execute: {execute.Finished:N0} answers said Finished with count {LoadFlow.Steps}; the instance list shows {executeStored:N0} Finished");
        Console.WriteLine($"dispatch: all {dispatchStored:N0} instances Finished {Report.F(dispatchAllFinished.TotalSeconds)} s after the first request (list polled every 250 ms)");
        if (execute.Finished != options.Instances || executeStored != options.Instances || dispatchStored != options.Instances)
        {
            Console.Error.WriteLine("FAILED: not every instance finished.");
            return 1;
        }
    }

    // After the server has stopped, so the two do not share the cores.
    phases.Add(await InProcessEngine.MeasureAsync(options.Instances, options.Warmup, options.Concurrency, ct));
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    Console.Error.WriteLine($"STOPPED: the run passed its time limit ({options.TimeLimit.TotalMinutes} min) or was interrupted.");
    return 1;
}
catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
{
    Console.Error.WriteLine($"FAILED: {ex.Message}");
    return 1;
}

Report.PrintTable(phases);
var inProcess = phases[^1].PerSecond;
var dispatchEndToEnd = options.Instances / dispatchAllFinished.TotalSeconds;
Console.WriteLine();
Console.WriteLine($"dispatch end to end: {Report.F(dispatchEndToEnd, "F0")} instances/s (first request until all Finished)");
Console.WriteLine($"ratio API execute / in-process engine:      {Report.F(phases[0].PerSecond / inProcess)}");
Console.WriteLine($"ratio API dispatch end to end / in-process: {Report.F(dispatchEndToEnd / inProcess)}");
Console.WriteLine($"server console lines during the run: {serverLines:N0}; load average at end: {Report.LoadAverage()} (above {Environment.ProcessorCount} means other work shared the machine)");
return 0;
