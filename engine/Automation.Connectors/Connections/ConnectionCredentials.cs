using Automation.Engine.Credentials;
using Automation.Engine.Runtime;

namespace Automation.Connectors.Connections;

/// <summary>Reads a connection's vault credential and its fields, with errors that name what is missing and where to fix it.</summary>
internal sealed class ConnectionCredentials(ConnectionDefinition connection, ICredentialStore vault)
{
    /// <summary>The credential's fields in the order asked for.</summary>
    public async ValueTask<string[]> FieldsAsync(CancellationToken cancellationToken, params string[] fields)
    {
        if (string.IsNullOrWhiteSpace(connection.Credential))
        {
            throw new WorkflowFaultException(
                $"Connection '{connection.Name}' uses {connection.Authentication} authentication but names no credential; set {ConnectorOptions.Section}:{connection.Name}:Credential to a credential in the vault.");
        }

        var credential = await vault.GetAsync(connection.Credential, cancellationToken)
            ?? throw new WorkflowFaultException(
                $"Connection '{connection.Name}' uses the credential '{connection.Credential}', which is not in the credential vault; add it under Admin → Credentials, or correct {ConnectorOptions.Section}:{connection.Name}:Credential.");

        var values = new string[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            if (!credential.Fields.TryGetValue(fields[i], out var value) || string.IsNullOrEmpty(value))
            {
                var present = credential.Fields.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();
                throw new WorkflowFaultException(
                    $"The credential '{credential.Name}' of connection '{connection.Name}' has no field '{fields[i]}', which {connection.Authentication} authentication needs; "
                    + $"it has {(present.Count == 0 ? "no fields" : string.Join(", ", present))}. Add the field in the credential vault (Admin → Credentials).");
            }

            values[i] = value;
        }

        return values;
    }
}
