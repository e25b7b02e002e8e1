namespace Automation.Server.Audit;

/// <summary>
/// Run-log event types recorded by the server beyond the engine's <see cref="Engine.RunLog.RunLogEventTypes"/>.
/// Dotted like those: area, then what happened.
/// </summary>
public static class AuditEventTypes
{
    public const string QueueItemAdded = "queue.item-added";
    public const string QueueItemTaken = "queue.item-taken";
    public const string QueueItemInDoubt = "queue.item-in-doubt";
    public const string QueueItemCompleted = "queue.item-completed";
    public const string QueueItemRetried = "queue.item-retried";
    public const string QueueItemResolved = "queue.item-resolved";
    public const string UserCreated = "user.created";
    public const string UserRolesChanged = "user.roles-changed";
    public const string UserPasswordReset = "user.password-reset";
    public const string UserUnlocked = "user.unlocked";
    public const string UserDeleted = "user.deleted";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string CredentialUsed = "credential.used";
    public const string CredentialStored = "credential.stored";
    public const string CredentialDeleted = "credential.deleted";
    public const string DefinitionDraftSaved = "definition.draft-saved";
    public const string DefinitionImported = "definition.imported";
    public const string DefinitionDraftDeleted = "definition.draft-deleted";
    public const string PlacesImported = "places.imported";
}
