using Automation.Engine.Activities;

namespace Automation.Engine.Queues;

/// <summary>
/// Follows queue items through a flow without steps in it: told when GetNextItem hands an item to an instance and
/// when SetItemResult is about to report its result (the robots use this for per-item evidence). Register zero or
/// many in DI. An observer that throws never fails the item: the activity writes a warning to the journal.
/// </summary>
public interface IWorkQueueItemObserver
{
    /// <summary>The item was just handed to the instance; returns lines for the journal of the GetNextItem step.</summary>
    Task<IReadOnlyList<string>> ItemTakenAsync(WorkQueueItemEvent item, CancellationToken cancellationToken);

    /// <summary>The instance is about to report <paramref name="outcome"/>; returns lines for the journal of the SetItemResult step.</summary>
    Task<IReadOnlyList<string>> ItemEndingAsync(WorkQueueItemEvent item, WorkItemOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>Which item of which queue an instance works on; no payload, so observers see no personal data.</summary>
/// <param name="InstanceId">The workflow instance that holds the item.</param>
/// <param name="Queue">The queue's name.</param>
/// <param name="ItemId">The item's id.</param>
/// <param name="BusinessKey">The item's business key (a referral number).</param>
public sealed record WorkQueueItemEvent(string InstanceId, string Queue, string ItemId, string BusinessKey);

/// <summary>Calls the observers one by one, logging their lines, and turning their failures into journal warnings.</summary>
internal static class WorkQueueItemObservers
{
    public static async Task NotifyAsync(
        ActivityContext context,
        IReadOnlyList<IWorkQueueItemObserver> observers,
        WorkQueueItemEvent item,
        Func<IWorkQueueItemObserver, Task<IReadOnlyList<string>>> call,
        CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            IReadOnlyList<string> lines;
            try
            {
                lines = await call(observer).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                lines = [$"Warning: {observer.GetType().Name} could not follow item {item.ItemId} ({item.Queue}/{item.BusinessKey}): {ex.Message}"];
            }

            foreach (var line in lines)
            {
                context.Log(line);
            }
        }
    }
}
