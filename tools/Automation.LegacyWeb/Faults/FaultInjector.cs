namespace Automation.LegacyWeb.Faults;

/// <summary>Holds the current <see cref="FaultSettings"/> and draws from one seeded generator, so a run with the same seed and request order fails the same way.</summary>
internal sealed class FaultInjector(int seed)
{
    private readonly Lock _gate = new();
    private Random _random = new(seed);
    private FaultSettings _settings = FaultSettings.None;

    public FaultSettings Settings
    {
        get { lock (_gate) { return _settings; } }
    }

    public int InjectedErrors { get; private set; }

    public void Set(FaultSettings settings, int? reseed = null)
    {
        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException($"Fault settings rejected: {problem}", nameof(settings));
        }

        lock (_gate)
        {
            _settings = settings;
            if (reseed is { } s)
            {
                _random = new Random(s);
            }
        }
    }

    /// <summary>The delay and whether to fail, decided for one request.</summary>
    public (TimeSpan Delay, bool Fail) Draw()
    {
        lock (_gate)
        {
            var s = _settings;
            var ms = s.LatencyMaxMs > s.LatencyMinMs ? _random.Next(s.LatencyMinMs, s.LatencyMaxMs + 1) : s.LatencyMinMs;
            var fail = s.ErrorRate > 0 && _random.NextDouble() < s.ErrorRate;
            if (fail)
            {
                InjectedErrors++;
            }

            return (TimeSpan.FromMilliseconds(ms), fail);
        }
    }
}
