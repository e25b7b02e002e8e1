using Automation.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace Automation.Server.Tests.Hosting;

public sealed class RequestLogLevelTests
{
    [Theory]
    [InlineData("/health/live", 200, LogEventLevel.Debug)]
    [InlineData("/health/ready", 200, LogEventLevel.Debug)]
    [InlineData("/health/ready", 503, LogEventLevel.Error)]
    [InlineData("/api/instances", 200, LogEventLevel.Information)]
    [InlineData("/api/instances", 401, LogEventLevel.Information)]
    [InlineData("/api/instances", 500, LogEventLevel.Error)]
    [InlineData("/healthy-looking-page", 200, LogEventLevel.Information)]
    public void RequestLogLevel_ByPathAndStatus_HidesOnlySucceededHealthProbes(string path, int status, LogEventLevel expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.StatusCode = status;

        var level = ServerHostingExtensions.RequestLogLevel(context, 1.0, null);

        Assert.Equal(expected, level);
    }

    [Fact]
    public void RequestLogLevel_HealthProbeThatThrew_Error()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/health/live";

        var level = ServerHostingExtensions.RequestLogLevel(context, 1.0, new InvalidOperationException("boom"));

        Assert.Equal(LogEventLevel.Error, level);
    }
}
