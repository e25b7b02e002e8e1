using Automation.Engine.Credentials;
using Automation.Robots.Desktop.AtSpi;
using Automation.Robots.Desktop.Ui;
using Automation.Robots.Sessions;
using Automation.Robots.Targets;

namespace Automation.Robots.Desktop.Driver;

/// <summary>
/// The <c>desktop</c> robot driver (Linux, AT-SPI2): Open launches the target's application, or attaches to its
/// running process, and waits for its window on the accessibility bus. Each session has its own bus connection.
/// </summary>
public sealed class DesktopDriver(DesktopRobotOptions options, TimeProvider? time = null) : IRobotDriver
{
    public string Kind => "desktop";

    public async Task<IRobotSession> OpenAsync(TargetSystem target, Credential? credential, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var description = target.Application
            ?? throw new RobotException($"The desktop target '{target.Name}' has no application; set Automation:Robots:Targets:{target.Name}:Application with Executable (and Arguments), or AttachTo.");
        var automation = await AtSpiAutomation.ConnectAsync(options.CallTimeout, cancellationToken);
        Ui.Application? application = null;
        try
        {
            application = string.IsNullOrWhiteSpace(description.AttachTo)
                ? Ui.Application.Launch(description)
                : Ui.Application.Attach(description.AttachTo);
            var startTimeout = description.StartTimeout > timeout ? description.StartTimeout : timeout;
            var root = await application.GetApplicationElementAsync(automation, startTimeout, cancellationToken);
            await application.GetMainWindowAsync(automation, startTimeout, cancellationToken);
            return new DesktopSession(options, target, credential, automation, application, root, time ?? TimeProvider.System);
        }
        catch
        {
            if (application is not null)
            {
                application.Close();
                application.Dispose();
            }

            automation.Dispose();
            throw;
        }
    }
}
