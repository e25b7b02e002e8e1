using System.Runtime.InteropServices;

namespace Automation.Places.Store;

/// <summary>
/// Gives memory SQLite freed back to the operating system. SQLite allocates its page cache page by page through
/// malloc; after a bulk import <c>PRAGMA shrink_memory</c> frees those pages, but glibc keeps them in its heap, so
/// the process would go on holding up to the cache's 256 MiB while the in-memory indexes are built.
/// </summary>
internal static class NativeHeap
{
    /// <summary>Returns free glibc heap pages to the system (Linux with glibc only; elsewhere nothing happens).</summary>
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (DllNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to trim this way.
        }
        catch (EntryPointNotFoundException)
        {
            // Same.
        }
    }

    // DllImport, not LibraryImport: the generated stub would need unsafe code in this project for one blittable call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
