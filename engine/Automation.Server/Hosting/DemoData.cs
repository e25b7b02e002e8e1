using Automation.Engine.ElsaImport;
using Automation.Engine.Persistence;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;
using Microsoft.Extensions.Options;

namespace Automation.Server.Hosting;

/// <summary>On first start (no definitions stored), publishes the example workflows so a new installation has something to run.</summary>
internal sealed partial class DemoData(IDefinitionStore definitions, WorkflowRuntime runtime, IOptions<ServerOptions> options, ILogger<DemoData> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.DemoWorkflowsDirectory;
        if (!options.Value.SeedDemoData || !Directory.Exists(folder) || (await definitions.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var definition = WorkflowFileLoader.Load(file);
                runtime.Validator.EnsureValid(definition, file);
                definition.Version = 0;
                await definitions.SaveDraftAsync(definition, cancellationToken);
                await definitions.PublishAsync(definition.Id, cancellationToken);
                LogSeeded(logger, definition.Id, file);
            }
            catch (WorkflowDefinitionException ex)
            {
                LogSkipped(logger, file, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published example workflow {DefinitionId} from {File}")]
    private static partial void LogSeeded(ILogger logger, string definitionId, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped example workflow {File}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string file, string reason);
}
