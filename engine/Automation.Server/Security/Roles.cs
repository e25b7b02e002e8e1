namespace Automation.Server.Security;

/// <summary>The five roles; a user has one or more.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string ProcessOwner = "ProcessOwner";
    public const string Operator = "Operator";
    public const string Planner = "Planner";
    public const string Auditor = "Auditor";

    public static IReadOnlyList<string> All { get; } = [Administrator, ProcessOwner, Operator, Planner, Auditor];
}

/// <summary>
/// Authorization policies by what a caller does. Every endpoint names one of these (or allows anonymous access
/// explicitly); the README's role matrix lists which roles each grants, and a test walks the route table to check it.
/// </summary>
public static class Policies
{
    /// <summary>Read definitions and activity descriptors.</summary>
    public const string ReadDefinitions = nameof(ReadDefinitions);

    /// <summary>Create, edit, publish, revert, import and delete definitions.</summary>
    public const string EditDefinitions = nameof(EditDefinitions);

    /// <summary>List and inspect instances and their journals.</summary>
    public const string ReadInstances = nameof(ReadInstances);

    /// <summary>Start, cancel, retry instances; send signals.</summary>
    public const string RunInstances = nameof(RunInstances);

    /// <summary>Address search, reverse lookup, areas and meeting points of the place registry.</summary>
    public const string UsePlaces = nameof(UsePlaces);

    /// <summary>Read the run log: search, run timelines, CSV export (each read is itself recorded).</summary>
    public const string ReadRunLog = nameof(ReadRunLog);

    /// <summary>Users, roles, API tokens, credentials.</summary>
    public const string Administer = nameof(Administer);

    /// <summary>Any signed-in user or token (own tasks, HTTP-triggered workflows).</summary>
    public const string AnyUser = nameof(AnyUser);

    /// <summary>
    /// One's own session: who am I, change my password, sign out. The only policy a user who must still change the
    /// password passes; every other policy answers 403 until the password is changed.
    /// </summary>
    public const string OwnAccount = nameof(OwnAccount);

    /// <summary>The roles each policy grants.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesFor { get; } = new Dictionary<string, string[]>
    {
        [ReadDefinitions] = [Roles.Administrator, Roles.ProcessOwner, Roles.Operator, Roles.Auditor],
        [EditDefinitions] = [Roles.Administrator, Roles.ProcessOwner],
        [ReadInstances] = [Roles.Administrator, Roles.ProcessOwner, Roles.Operator, Roles.Auditor],
        [RunInstances] = [Roles.Administrator, Roles.ProcessOwner, Roles.Operator],
        [UsePlaces] = [Roles.Administrator, Roles.Planner],
        [ReadRunLog] = [Roles.Auditor],
        [Administer] = [Roles.Administrator],
        [AnyUser] = [.. Roles.All],
        [OwnAccount] = [.. Roles.All],
    };
}
