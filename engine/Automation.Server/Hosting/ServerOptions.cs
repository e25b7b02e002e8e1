using System.ComponentModel.DataAnnotations;

namespace Automation.Server.Hosting;

/// <summary>Settings under <c>Automation</c> in appsettings.json, or <c>Automation__Name</c> environment variables.</summary>
public sealed class ServerOptions
{
    public const string Section = "Automation";

    /// <summary>Folder for the SQLite file, data-protection keys and logs. <value>data</value></summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Largest request body accepted, in bytes. <value>1 MiB</value></summary>
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Longest the execute endpoint waits for an instance before answering 202. <value>30 seconds</value></summary>
    public TimeSpan ExecuteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Instances run at the same time by dispatch. <value>8</value></summary>
    [Range(1, 1024)]
    public int DispatchWorkers { get; set; } = 8;

    /// <summary>Whether the example workflows in <c>workflows/</c> are loaded on first start. <value>true</value></summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Folder holding the example workflows to seed. <value>workflows</value></summary>
    public string DemoWorkflowsDirectory { get; set; } = "workflows";

    /// <summary>Folder of place data (addresses, areas, meeting points) imported on first start. <value>seed/places</value></summary>
    public string DemoPlacesDirectory { get; set; } = "seed/places";

    public string DatabasePath => Path.Combine(DataDirectory, "automation.db");

    /// <summary>The place registry's own SQLite file, beside the engine's.</summary>
    public string PlacesDatabasePath => Path.Combine(DataDirectory, "places.db");
}
