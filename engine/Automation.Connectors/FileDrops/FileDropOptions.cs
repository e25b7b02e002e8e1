using System.ComponentModel.DataAnnotations;

namespace Automation.Connectors.FileDrops;

/// <summary>How the file-drop trigger decides a file is complete and how often it looks. Section <c>Automation:FileDrops</c>.</summary>
public sealed class FileDropOptions
{
    public const string Section = "Automation:FileDrops";

    /// <summary>
    /// How long a file's size and last-write time must stay unchanged (and the file be openable exclusively) before it
    /// counts as complete. Writers that pause longer than this between writes need a longer interval. <value>1 second</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SettleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often every watched folder is scanned even without a change notification (a safety net: notifications
    /// are lost on network shares and when their buffer overflows). <value>5 seconds</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the instances started for files are checked, to move each file on when its instance ends. <value>1 second</value></summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(1);
}
