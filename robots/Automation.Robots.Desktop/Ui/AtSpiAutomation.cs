using Automation.Robots.Desktop.AtSpi;

namespace Automation.Robots.Desktop.Ui;

/// <summary>The AT-SPI2 backend: one connection to the accessibility bus.</summary>
public sealed class AtSpiAutomation : AutomationBase
{
    private readonly AtSpiBus _bus;
    private readonly DeviceEventController _input;

    private AtSpiAutomation(AtSpiBus bus)
    {
        _bus = bus;
        _input = new DeviceEventController(bus);
    }

    /// <summary>The bus connection, for callers that need AT-SPI itself.</summary>
    public AtSpiBus Bus => _bus;

    public override TimeSpan CallTimeout
    {
        get => _bus.CallTimeout;
        set => _bus.CallTimeout = value;
    }

    /// <summary>Connects to the accessibility bus of the current desktop session.</summary>
    public static async Task<AtSpiAutomation> ConnectAsync(TimeSpan callTimeout, CancellationToken cancellationToken) =>
        new(await AtSpiBus.ConnectAsync(callTimeout, cancellationToken));

    public override async Task<AutomationElement?> GetApplicationElementAsync(int processId, CancellationToken cancellationToken)
    {
        foreach (var application in await _bus.GetApplicationsAsync(cancellationToken))
        {
            if (application.IsNull)
            {
                continue;
            }

            uint pid;
            try
            {
                pid = await _bus.GetProcessIdAsync(application.BusName, cancellationToken);
            }
            catch (AtSpiException ex) when (!ex.IsTimeout)
            {
                // The application left the bus between listing and asking.
                continue;
            }

            if (pid == processId)
            {
                return new AutomationElement(this, new AtSpiElement(new Accessible(_bus, application)));
            }
        }

        return null;
    }

    public override Task TypeAsync(string text, CancellationToken cancellationToken) => _input.TypeAsync(text, cancellationToken);

    public override Task SelectAllAsync(CancellationToken cancellationToken) => _input.SelectAllAsync(cancellationToken);

    public override Task ClickAsync(int x, int y, CancellationToken cancellationToken) => _input.ClickAsync(x, y, cancellationToken);

    public override void NameApplication(AutomationElement application, string description) =>
        _bus.NameApplication(application.Framework.ApplicationKey, description);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bus.Dispose();
        }

        base.Dispose(disposing);
    }
}
