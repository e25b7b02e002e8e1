namespace Automation.Benchmarks.Robots;

/// <summary>A way of registering referrals into B: the robot activities in workflows, or raw Playwright.</summary>
internal interface IRegistrar
{
    string Name { get; }

    /// <summary>Registers one referral into the B at <paramref name="b"/> and returns the journal number read from the receipt.</summary>
    Task<string> RegisterAsync(BTarget b, Record record, CancellationToken cancellationToken);
}

/// <summary>One fresh B instance as the registrars see it: its address and a target name unique to the pass.</summary>
internal sealed record BTarget(string TargetName, Uri BaseUrl);
