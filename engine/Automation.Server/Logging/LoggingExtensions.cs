using Automation.Server.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace Automation.Server.Logging;

/// <summary>Serilog: console and a daily rolling file under the data folder, request logging, personal data masked.</summary>
public static class LoggingExtensions
{
    public static WebApplicationBuilder AddServerLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, config) => config
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<MaskingEnricher>()
            .ReadFrom.Services(services)
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(services.GetRequiredService<IOptions<ServerOptions>>().Value.DataDirectory, "logs", "automation-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            // Each host keeps its own logger instead of replacing the static Log.Logger: several servers in one
            // process (the tests) would otherwise write into each other's files, and the first to stop closes the rest.
            preserveStaticLogger: true);
        return builder;
    }
}
