using System.Collections.Concurrent;

namespace Automation.Places.Import;

/// <summary>
/// Runs an enumerable on a second thread, handing items over in chunks, so reading and validating a big file
/// overlaps with writing it to SQLite (two cores: roughly the larger of the two costs instead of their sum).
/// </summary>
internal static class Pipeline
{
    private const int ChunkSize = 4096;

    public static IEnumerable<T> Run<T>(IEnumerable<T> source, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<List<T>>(boundedCapacity: 16);
        var producer = Task.Run(
            () =>
            {
                try
                {
                    var chunk = new List<T>(ChunkSize);
                    foreach (var item in source)
                    {
                        chunk.Add(item);
                        if (chunk.Count == ChunkSize)
                        {
                            queue.Add(chunk, stop.Token);
                            chunk = new List<T>(ChunkSize);
                        }
                    }

                    queue.Add(chunk, stop.Token);
                }
                finally
                {
                    queue.CompleteAdding();
                }
            },
            stop.Token);
        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable(stop.Token))
            {
                foreach (var item in chunk)
                {
                    yield return item;
                }
            }

            // Surfaces an exception thrown while reading.
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // The consumer stopped early (an exception or a break): let the producer finish instead of blocking forever.
            stop.Cancel();
            try
            {
                producer.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Already surfaced above, or caused by the cancellation itself.
            }
        }
    }
}
