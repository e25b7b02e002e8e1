using Automation.Server.Security;
using Automation.Server.Tests.Infrastructure;

namespace Automation.Server.Tests.Security;

/// <summary>The role matrix as the README's "Roles and access" table states it: which callers each policy lets in.</summary>
internal sealed class RoleMatrix
{
    public const string Anonymous = "Anonymous";
    public const string AllowAnonymous = "AllowAnonymous";

    private RoleMatrix(Dictionary<string, HashSet<string>> rows) => Rows = rows;

    /// <summary>Policy (or <see cref="AllowAnonymous"/>) → the callers marked ✓ (role names and <see cref="Anonymous"/>).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Rows { get; }

    public static RoleMatrix FromReadme() => Parse(File.ReadAllText(Path.Combine(ServerFactory.RepositoryRoot, "README.md")));

    public static RoleMatrix Parse(string readme)
    {
        var start = readme.IndexOf("\n## Roles and access", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("README.md has no '## Roles and access' section.");
        }

        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var table = readme[start..(end < 0 ? readme.Length : end)]
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
        var header = table[0];
        var callers = header.Select((name, index) => (name, index))
            .Where(c => Roles.All.Contains(c.name) || c.name == Anonymous)
            .ToList();
        if (callers.Count != Roles.All.Count + 1)
        {
            throw new InvalidOperationException($"The role matrix header must have a column for each role and '{Anonymous}'; it has {string.Join(", ", header)}.");
        }

        var rows = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var row in table.Skip(2))
        {
            var policy = row[0].Trim('`');
            var allowed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, index) in callers)
            {
                var cell = row[index];
                if (cell is not ("✓" or "✗"))
                {
                    throw new InvalidOperationException($"Role matrix row '{policy}', column '{name}': '{cell}' is neither ✓ nor ✗.");
                }

                if (cell == "✓")
                {
                    allowed.Add(name);
                }
            }

            rows.Add(policy, allowed);
        }

        return new RoleMatrix(rows);
    }
}
