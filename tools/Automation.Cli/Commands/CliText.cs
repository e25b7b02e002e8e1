using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Automation.Engine.Runtime;

namespace Automation.Cli.Commands;

/// <summary>How the commands show engine objects on the terminal.</summary>
internal static class CliText
{
    /// <summary>Compact, and Danish letters stay readable instead of becoming \u escapes.</summary>
    public static JsonSerializerOptions OutputJson { get; } = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Describe(Bookmark bookmark) =>
        $"{bookmark.Kind} key={bookmark.Key ?? "-"} due={(bookmark.DueAt is { } due ? due.ToString("O", CultureInfo.InvariantCulture) : "-")} (activity '{bookmark.ActivityId}', bookmark {bookmark.Id})";

    public static string Describe(Incident incident) =>
        $"activity '{incident.ActivityId}' ({incident.ActivityType}): {incident.Message}";
}
