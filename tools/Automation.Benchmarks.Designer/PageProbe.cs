namespace Automation.Benchmarks.Designer;

/// <summary>
/// The script the bench puts into the page before the app loads: a requestAnimationFrame loop that notes when every
/// node is drawn (no longer hidden for measuring) and, while recording, the time of every frame; long tasks are
/// counted through the Performance API. All times are performance.now(), milliseconds since navigation start.
/// </summary>
internal static class PageProbe
{
    public static string InitScript(int nodes) => $$"""
        (() => {
          const bench = window.__bench = { allNodesAt: null, frames: [], longTasks: [], recording: false, watch: null, seen: null, changes: 0 };
          const tick = (now) => {
            if (bench.allNodesAt === null) {
              const drawn = document.querySelectorAll('.react-flow__node');
              if (drawn.length >= {{nodes}} && Array.from(drawn).every((n) => n.style.visibility !== 'hidden')) {
                // The DOM is complete in this frame; the next frame starts after it was painted.
                requestAnimationFrame(() => { bench.allNodesAt = performance.now(); });
                bench.allNodesAt = -1;
              }
            }
            if (bench.recording) {
              bench.frames.push(now);
              // Frames in which the watched element really moved: the gesture's updates that reached the screen.
              const shown = bench.watch && document.querySelector(bench.watch)?.style.transform;
              if (shown !== bench.seen) { bench.changes++; bench.seen = shown; }
            }
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          try {
            new PerformanceObserver((list) => {
              if (bench.recording) for (const e of list.getEntries()) bench.longTasks.push(e.duration);
            }).observe({ entryTypes: ['longtask'] });
          } catch { /* no long-task timing in this browser */ }
        })();
        """;

    public const string StartRecording = "(watch) => { __bench.frames = []; __bench.longTasks = []; __bench.watch = watch; __bench.seen = document.querySelector(watch)?.style.transform; __bench.changes = 0; __bench.recording = true; }";

    public const string StopRecording = "() => { __bench.recording = false; return { frames: __bench.frames, longTasks: __bench.longTasks, changes: __bench.changes }; }";

    /// <summary>A point on the canvas where nothing but the empty pane is, near the middle; null when the nodes cover it all.</summary>
    public const string EmptyCanvasPoint = """
        () => {
          const pane = document.querySelector('.react-flow__pane');
          if (!pane) return null;
          const r = pane.getBoundingClientRect();
          const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
          let best = null;
          for (let y = r.top + 20; y < r.bottom - 20; y += 10) {
            for (let x = r.left + 20; x < r.right - 20; x += 10) {
              const hit = document.elementFromPoint(x, y);
              if (hit !== pane) continue;
              const d = (x - cx) ** 2 + (y - cy) ** 2;
              if (!best || d < best.d) best = { x, y, d };
            }
          }
          return best && { x: best.x, y: best.y };
        }
        """;

    /// <summary>The id and centre of the node nearest the middle of the canvas.</summary>
    public const string MiddleNode = """
        () => {
          const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
          const cx = pane.left + pane.width / 2, cy = pane.top + pane.height / 2;
          let best = null;
          for (const n of document.querySelectorAll('.react-flow__node')) {
            const r = n.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            const d = (x - cx) ** 2 + (y - cy) ** 2;
            if (!best || d < best.d) best = { id: n.getAttribute('data-id'), x, y, d };
          }
          return best && { id: best.id, x: best.x, y: best.y };
        }
        """;

    public const string ViewportTransform = "() => document.querySelector('.react-flow__viewport')?.style.transform ?? ''";

    public const string NodeTransform = "(id) => document.querySelector(`.react-flow__node[data-id=\"${id}\"]`)?.style.transform ?? ''";
}
