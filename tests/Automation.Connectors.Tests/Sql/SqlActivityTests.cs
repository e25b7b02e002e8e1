using System.Text.Json;
using System.Text.Json.Nodes;
using Automation.Connectors.Connections;
using Automation.Connectors.Tests.Infrastructure;
using Automation.Engine.Credentials;
using Automation.Engine.Definitions;
using Automation.Engine.Runtime;
using Automation.Engine.Validation;

namespace Automation.Connectors.Tests.Sql;

[Collection(PostgresCollection.Name)]
[Trait("Category", "PostgreSQL")]
public sealed class SqlActivityTests(PostgresCluster cluster)
{
    public static TheoryData<SqlProvider> Providers => [SqlProvider.Sqlite, SqlProvider.PostgreSql];

    public static TheoryData<SqlProvider, string> Injections => new()
    {
        { SqlProvider.Sqlite, "'; DROP TABLE {table}; --" },
        { SqlProvider.Sqlite, "1 OR 1=1" },
        { SqlProvider.Sqlite, "x' OR '1'='1" },
        { SqlProvider.PostgreSql, "'; DROP TABLE {table}; --" },
        { SqlProvider.PostgreSql, "1 OR 1=1" },
        { SqlProvider.PostgreSql, "x' OR '1'='1" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SqlQuery_WithParameters_ReturnsTypedRows(SqlProvider provider)
    {
        using var database = SqlTestDatabase.Create(provider, cluster);
        await database.CreatePeopleAsync();
        using var host = new TestHost(database.Connection);
        var flow = Flow(
            ("insert", "SqlExecute", $$"""
                "sql": "INSERT INTO {{database.Table}} (id, name, email, born, active, score, registered) VALUES (@id, @name, @email, @born, @active, @score, @registered)",
                "parameters": { "id": 3, "name": { "js": "input.value" }, "email": null, "born": "1985-03-04", "active": true, "score": 12.5, "registered": "2026-11-25T08:00:00Z" }
                """),
            ("query", "SqlQuery", $$"""
                "sql": "SELECT id, name, email, born, active, score, registered FROM {{database.Table}} WHERE name = @name AND active = @active AND born < @before",
                "parameters": { "name": { "js": "input.value" }, "active": true, "before": "2000-01-01" }
                """));

        var result = await host.RunAsync(flow, new JsonObject { ["value"] = "Cy Hansen" });

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Equal(1, result.Output["insert"]!.GetValue<int>());
        var row = Assert.Single(result.Output["query"]!.AsArray())!.AsObject();
        Assert.Equal("3", row["id"]!.ToJsonString());
        Assert.Equal("Cy Hansen", row["name"]!.GetValue<string>());
        Assert.Null(row["email"]);
        Assert.Equal("1985-03-04", row["born"]!.GetValue<string>());
        Assert.True(row["active"]!.GetValue<bool>());
        Assert.Equal(12.5, row["score"]!.GetValue<double>());
        Assert.Equal("2026-11-25T08:00:00Z", row["registered"]!.GetValue<string>());
        Assert.Contains(host.Log.Lines, l => l == $"SQL query on '{SqlTestDatabase.ConnectionName}' returned 1 row.");
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task SqlQuery_InjectionInParameter_IsInert(SqlProvider provider, string attack)
    {
        using var database = SqlTestDatabase.Create(provider, cluster);
        await database.CreatePeopleAsync();
        using var host = new TestHost(database.Connection);
        var flow = Flow(
            ("query", "SqlQuery", $$"""
                "sql": "SELECT id, name FROM {{database.Table}} WHERE name = @name",
                "parameters": { "name": { "js": "input.value" } }
                """),
            ("delete", "SqlExecute", $$"""
                "sql": "DELETE FROM {{database.Table}} WHERE name = @name",
                "parameters": { "name": { "js": "input.value" } }
                """));

        var result = await host.RunAsync(flow, new JsonObject { ["value"] = attack.Replace("{table}", database.Table, StringComparison.Ordinal) });

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Empty(result.Output["query"]!.AsArray());
        Assert.Equal(0, result.Output["delete"]!.GetValue<int>());
        Assert.Equal(["Ann", "Bo"], await database.NamesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SqlQuery_ParametersFromAnExpression_AreDataEvenWhenTheyLookLikeExpressions(SqlProvider provider)
    {
        using var database = SqlTestDatabase.Create(provider, cluster);
        await database.CreatePeopleAsync();
        using var host = new TestHost(database.Connection);
        var flow = Flow(("query", "SqlQuery", $$"""
            "sql": "SELECT name FROM {{database.Table}} WHERE name = @name OR @name IS NULL",
            "parameters": { "js": "({ name: { js: 'input.value' } })" }
            """));

        var result = await host.RunAsync(flow, new JsonObject { ["value"] = "Ann" });

        Assert.Equal(InstanceStatus.Finished, result.Status);
        Assert.Empty(result.Output["query"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SqlBatch_ThirdStatementFails_NothingOfTheFirstTwoRemains(SqlProvider provider)
    {
        using var database = SqlTestDatabase.Create(provider, cluster);
        await database.CreatePeopleAsync();
        using var host = new TestHost(database.Connection);
        var flow = Flow(("batch", "SqlBatch", $$"""
            "statements": [
              { "sql": "INSERT INTO {{database.Table}} (id, name) VALUES (@id, @name)", "parameters": { "id": 3, "name": "Cy" } },
              { "sql": "UPDATE {{database.Table}} SET name = @name WHERE id = 2", "parameters": { "name": "Bob" } },
              { "sql": "INSERT INTO no_such_table (id) VALUES (1)" }
            ]
            """));

        var result = await host.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("statements[2] (statement 3 of 3, transaction rolled back)", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", result.Incident.Message, StringComparison.Ordinal);
        Assert.Equal(["Ann", "Bo"], await database.NamesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SqlBatch_AllStatementsSucceed_CommitsAndReportsEach(SqlProvider provider)
    {
        using var database = SqlTestDatabase.Create(provider, cluster);
        await database.CreatePeopleAsync();
        using var host = new TestHost(database.Connection);
        var flow = Flow(("batch", "SqlBatch", $$"""
            "statements": [
              { "sql": "INSERT INTO {{database.Table}} (id, name) VALUES (@id, @name)", "parameters": { "id": 3, "name": { "js": "input.value" } } },
              { "sql": "UPDATE {{database.Table}} SET name = @name WHERE id = 2", "parameters": { "name": "Bob" } },
              { "sql": "SELECT count(*) AS people FROM {{database.Table}}" }
            ]
            """));

        var result = await host.RunAsync(flow, new JsonObject { ["value"] = "Cy" });

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var entries = result.Output["batch"]!.AsArray();
        Assert.Equal([1, 1], entries.Take(2).Select(e => e!["rowsAffected"]!.GetValue<int>()));
        Assert.Equal(3, entries[2]!["rows"]![0]!["people"]!.GetValue<long>());
        Assert.Equal(["Ann", "Bob", "Cy"], await database.NamesAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SqlBatch_ConstraintViolation_FaultNamesTheStatementButNotTheValues(SqlProvider provider)
    {
        const string Email = "ann.secret@example.dk";
        using var database = SqlTestDatabase.Create(provider, cluster);
        await database.CreatePeopleAsync();
        using var host = new TestHost(database.Connection);
        var flow = Flow(("batch", "SqlBatch", $$"""
            "statements": [
              { "sql": "INSERT INTO {{database.Table}} (id, name, email) VALUES (3, 'Cy', @email)", "parameters": { "email": { "js": "input.value" } } },
              { "sql": "INSERT INTO {{database.Table}} (id, name, email) VALUES (4, 'Di', @email)", "parameters": { "email": { "js": "input.value" } } }
            ]
            """));

        var result = await host.RunAsync(flow, new JsonObject { ["value"] = Email });

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        var message = result.Incident!.Message;
        Assert.Contains("statements[1] (statement 2 of 2", message, StringComparison.Ordinal);
        Assert.Contains("unique", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Email, message, StringComparison.OrdinalIgnoreCase);
        var journal = JsonSerializer.Serialize(await host.JournalAsync(result.InstanceId));
        Assert.DoesNotContain(Email, journal, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(host.Log.Lines, l => l.Contains(Email, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["Ann", "Bo"], await database.NamesAsync());
    }

    [Fact]
    public async Task SqlQuery_DatabaseQuotesTheBadValue_FaultShowsTheParameterNameInstead()
    {
        using var database = SqlTestDatabase.Create(SqlProvider.PostgreSql, cluster);
        await database.CreatePeopleAsync();
        using var host = new TestHost(database.Connection);
        var flow = Flow(("query", "SqlQuery", $$"""
            "sql": "SELECT name FROM {{database.Table}} WHERE id = @id",
            "parameters": { "id": { "js": "input.value" } }
            """));

        var result = await host.RunAsync(flow, new JsonObject { ["value"] = "1 OR 1=1" });

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("invalid input syntax for type integer: \"@id\"", result.Incident!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1 OR 1=1", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqlQuery_PostgreSqlCredential_ConnectsWithThePasswordFromTheVault()
    {
        var role = "clerk_" + Guid.NewGuid().ToString("N")[..8];
        const string Password = "s3cret;Username=postgres;x='y'";
        using var database = SqlTestDatabase.Create(SqlProvider.PostgreSql, cluster);
        await database.CreatePeopleAsync();
        await cluster.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 's3cret;Username=postgres;x=''y'''; GRANT SELECT ON {database.Table} TO {role}");
        using var host = new TestHost(Clerk(role, "pg-clerk"));
        host.Credentials.Set(new Credential("pg-clerk", new Dictionary<string, string> { ["password"] = Password }));
        var flow = Flow(("query", "SqlQuery", $$"""
            "connection": "clerk",
            "sql": "SELECT current_user AS who, count(*) AS people FROM {{database.Table}}"
            """));

        var result = await host.RunAsync(flow);

        Assert.Equal(InstanceStatus.Finished, result.Status);
        var row = Assert.Single(result.Output["query"]!.AsArray())!;
        Assert.Equal(role, row["who"]!.GetValue<string>());
        Assert.Equal(2, row["people"]!.GetValue<long>());
    }

    [Fact]
    public async Task SqlQuery_WrongPasswordInTheVault_FaultsNamingTheConnectionWithoutThePassword()
    {
        var role = "clerk_" + Guid.NewGuid().ToString("N")[..8];
        await cluster.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'right-password'");
        using var host = new TestHost(Clerk(role, "pg-clerk"));
        host.Credentials.Set(new Credential("pg-clerk", new Dictionary<string, string> { ["password"] = "wrong-password" }));
        var flow = Flow(("query", "SqlQuery", """ "connection": "clerk", "sql": "SELECT 1 AS one" """));

        var result = await host.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("Could not open connection 'clerk'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", result.Incident.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqlQuery_UnknownConnection_FaultListsTheConfiguredNames()
    {
        using var host = new TestHost(
            new ConnectionDefinition { Name = "main", Kind = ConnectionKind.Sqlite, ConnectionString = "Data Source=:memory:" },
            new ConnectionDefinition { Name = "reports", Kind = ConnectionKind.PostgreSql, ConnectionString = cluster.AdminConnectionString });
        var flow = Flow(("query", "SqlQuery", """ "connection": "mian", "sql": "SELECT 1 AS one" """));

        var result = await host.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("'mian'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Contains("main, reports", result.Incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqlQuery_MoreRowsThanMaxRows_FaultsInsteadOfTruncating()
    {
        using var database = SqlTestDatabase.Create(SqlProvider.Sqlite, cluster);
        await database.CreatePeopleAsync();
        using var host = new TestHost(database.Connection);
        var flow = Flow(("query", "SqlQuery", $$""" "sql": "SELECT name FROM {{database.Table}}", "maxRows": 1 """));

        var result = await host.RunAsync(flow);

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("returned more than 1 rows (its maxRows)", result.Incident!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_SqlFromAnExpression_IsRefused()
    {
        using var host = new TestHost(new ConnectionDefinition { Name = "db", Kind = ConnectionKind.Sqlite, ConnectionString = "Data Source=:memory:" });
        var flow = Flow(("query", "SqlQuery", """ "sql": { "js": "'SELECT * FROM people WHERE name = ' + input.value" } """));

        var error = await Assert.ThrowsAsync<WorkflowDefinitionException>(() => host.RunAsync(flow, new JsonObject { ["value"] = "x" }));

        Assert.Contains("input 'sql' takes a literal value, not an expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqlBatch_StatementSqlFromAnExpression_FaultsBeforeAnythingRuns()
    {
        using var database = SqlTestDatabase.Create(SqlProvider.Sqlite, cluster);
        await database.CreatePeopleAsync();
        using var host = new TestHost(database.Connection);
        var flow = Flow(("batch", "SqlBatch", $$"""
            "statements": [
              { "sql": "DELETE FROM {{database.Table}}" },
              { "sql": { "js": "'DELETE FROM ' + input.value" } }
            ]
            """));

        var result = await host.RunAsync(flow, new JsonObject { ["value"] = database.Table });

        Assert.Equal(InstanceStatus.Faulted, result.Status);
        Assert.Contains("'statements[1].sql'", result.Incident!.Message, StringComparison.Ordinal);
        Assert.Equal(["Ann", "Bo"], await database.NamesAsync());
    }

    private ConnectionDefinition Clerk(string role, string credential) => new()
    {
        Name = "clerk",
        Kind = ConnectionKind.PostgreSql,
        ConnectionString = cluster.ConnectionString(role),
        Credential = credential,
    };

    /// <summary>
    /// A flow running <paramref name="steps"/> one after the other; each step's result is stored in a variable named
    /// after its id and returned as an output of that name. Steps use connection <c>db</c> unless they say otherwise.
    /// </summary>
    private static WorkflowDefinition Flow(params (string Id, string Type, string Inputs)[] steps)
    {
        var activities = steps.Select(s =>
            $$"""{ "id": "{{s.Id}}", "type": "{{s.Type}}", "inputs": { {{(s.Inputs.Contains("\"connection\"", StringComparison.Ordinal) ? "" : "\"connection\": \"db\",")}} {{s.Inputs}}, "resultVariable": "{{s.Id}}" } }""");
        var connections = steps.Zip(steps.Skip(1), (a, b) =>
            $$"""{ "source": { "activity": "{{a.Id}}", "port": "Done" }, "target": { "activity": "{{b.Id}}" } }""");
        return TestHost.Parse($$"""
            {
              "id": "sql-flow", "name": "SQL flow",
              "inputs": [{ "name": "value", "type": "string" }],
              "variables": [{{string.Join(", ", steps.Select(s => $$"""{ "name": "{{s.Id}}" }"""))}}],
              "outputs": [{{string.Join(", ", steps.Select(s => $$"""{ "name": "{{s.Id}}" }"""))}}],
              "root": {
                "activities": [{{string.Join(", ", activities)}}],
                "connections": [{{string.Join(", ", connections)}}]
              }
            }
            """);
    }
}
