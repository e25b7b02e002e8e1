using System.Data.Common;
using Automation.Connectors.Connections;
using Automation.Engine.Credentials;
using Automation.Engine.Runtime;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Automation.Connectors.Sql;

/// <summary>
/// Opens a database connection for a named Sqlite or PostgreSql connection. The connection string comes from
/// configuration; the password (and user name, when the credential has one) from the vault. They are merged with the
/// provider's connection string builder, so a secret containing <c>;</c> or <c>=</c> cannot change other settings.
/// </summary>
internal sealed class SqlConnections(IConnectionCatalog catalog, ICredentialStore credentials)
{
    public async Task<(DbConnection Connection, ConnectionDefinition Definition)> OpenAsync(string name, string activityId, CancellationToken cancellationToken)
    {
        var definition = catalog.Get(name);
        if (definition.Kind is not (ConnectionKind.Sqlite or ConnectionKind.PostgreSql))
        {
            throw new WorkflowFaultException(
                $"Connection '{definition.Name}' used by activity '{activityId}' is a {definition.Kind} connection; SQL activities need a connection of kind Sqlite or PostgreSql.");
        }

        if (string.IsNullOrWhiteSpace(definition.ConnectionString))
        {
            throw new WorkflowFaultException(
                $"Connection '{definition.Name}' has no ConnectionString; set {ConnectorOptions.Section}:{definition.Name}:ConnectionString in the configuration.");
        }

        var (userName, password) = await SecretsAsync(definition, cancellationToken);
        var connection = Create(definition, userName, password);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return (connection, definition);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync();

            // Only the provider's message: it names host, database and user but never the password.
            throw new WorkflowFaultException($"Could not open connection '{definition.Name}' ({definition.Kind}): {SqlErrors.ProviderMessage(ex)}. Check its ConnectionString and credential.");
        }
    }

    private static DbConnection Create(ConnectionDefinition definition, string? userName, string? password)
    {
        try
        {
            if (definition.Kind == ConnectionKind.Sqlite)
            {
                var sqlite = new SqliteConnectionStringBuilder(definition.ConnectionString);
                if (password is not null)
                {
                    sqlite.Password = password;
                }

                return new SqliteConnection(sqlite.ConnectionString);
            }

            var npgsql = new NpgsqlConnectionStringBuilder(definition.ConnectionString)
            {
                // Error details can quote row values (personal data); they must not reach faults or logs.
                IncludeErrorDetail = false,
            };
            if (userName is not null)
            {
                npgsql.Username = userName;
            }

            if (password is not null)
            {
                npgsql.Password = password;
            }

            return new NpgsqlConnection(npgsql.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new WorkflowFaultException(
                $"The ConnectionString of connection '{definition.Name}' is not valid for {definition.Kind}: {ex.Message} Fix it in {ConnectorOptions.Section}:{definition.Name}:ConnectionString.");
        }
    }

    private async Task<(string? UserName, string? Password)> SecretsAsync(ConnectionDefinition definition, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(definition.Credential))
        {
            return (null, null);
        }

        var credential = await credentials.GetAsync(definition.Credential, cancellationToken)
            ?? throw new WorkflowFaultException(
                $"Connection '{definition.Name}' names credential '{definition.Credential}', which is not in the credential vault; add it (Admin → Credentials) or fix the name.");
        if (!credential.Fields.TryGetValue("password", out var password))
        {
            throw new WorkflowFaultException(
                $"The credential '{credential.Name}' of connection '{definition.Name}' has no field 'password'; add it in the credential vault (Admin → Credentials).");
        }

        return (credential.Fields.GetValueOrDefault("userName"), password);
    }
}
