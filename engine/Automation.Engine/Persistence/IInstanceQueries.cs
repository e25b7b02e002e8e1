using Automation.Engine.Runtime;

namespace Automation.Engine.Persistence;

/// <summary>What operators filter instance lists by. Null fields do not filter.</summary>
public sealed record InstanceFilter(
    string? DefinitionId = null,
    InstanceStatus? Status = null,
    string? CorrelationId = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null);

/// <summary>One line of an instance list.</summary>
public sealed record InstanceSummary(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    InstanceStatus Status,
    string? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static InstanceSummary Of(WorkflowInstance instance) => new(
        instance.Id, instance.DefinitionId, instance.DefinitionVersion, instance.Status, instance.CorrelationId,
        instance.CreatedAt, instance.UpdatedAt, instance.FinishedAt);
}

/// <summary>A page of results and the total count that matched.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Skip, int Take);

/// <summary>Lists of instances for the operations console, newest first.</summary>
public interface IInstanceQueries
{
    ValueTask<Page<InstanceSummary>> ListAsync(InstanceFilter filter, int skip, int take, CancellationToken cancellationToken);
}
