using System.Globalization;
using Automation.LegacyWeb;

// dotnet Automation.LegacyWeb.dll --urls http://127.0.0.1:5101 --variant A --data DIR [--seed N] [--admin-secret S]
//                                 [--idle-minutes M] [--user name:password ...] [--fault-seed N]
var options = new LegacyOptions { Url = "http://127.0.0.1:5101" };
int? seed = null;
var users = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    var name = args[i];
    if (i + 1 >= args.Length)
    {
        return Fail($"{name} needs a value.");
    }

    var value = args[++i];
    switch (name)
    {
        case "--urls": options.Url = value.Split(';')[0]; break;
        case "--variant" when Enum.TryParse<LegacyVariant>(value, ignoreCase: true, out var variant): options.Variant = variant; break;
        case "--variant": return Fail($"--variant {value} is unknown: use A (referrals) or B (registrations).");
        case "--data": options.DataDirectory = value; break;
        case "--seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n): seed = n; break;
        case "--admin-secret": options.AdminSecret = value; break;
        case "--idle-minutes" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0: options.IdleTimeout = TimeSpan.FromMinutes(m); break;
        case "--fault-seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var f): options.FaultSeed = f; break;
        case "--user" when value.IndexOf(':', StringComparison.Ordinal) > 0: users[value[..value.IndexOf(':', StringComparison.Ordinal)]] = value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..]; break;
        default: return Fail($"Unknown option or bad value: {name} {value}.");
    }
}

if (users.Count > 0)
{
    options.Users.Clear();
    foreach (var (user, password) in users)
    {
        options.Users[user] = password;
    }
}

await using var system = await LegacySystem.StartAsync(options, CancellationToken.None);
// --seed tops up to N referrals, so restarting on the same data folder does not keep adding more.
if (seed is { } wanted && system.Control.Referrals().Count < wanted)
{
    system.Control.SeedReferrals(wanted - system.Control.Referrals().Count);
}

Console.WriteLine($"Legacy system {options.Variant} listening at {system.BaseUrl} (data in {options.DataDirectory}, {system.Control.Referrals().Count} referrals; Ctrl+C stops it)");
await system.WaitForShutdownAsync(CancellationToken.None);
return 0;

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    Console.Error.WriteLine("Usage: Automation.LegacyWeb --urls http://127.0.0.1:5101 --variant A|B --data DIR [--seed N] [--admin-secret S] [--idle-minutes M] [--user name:password] [--fault-seed N]");
    return 2;
}
