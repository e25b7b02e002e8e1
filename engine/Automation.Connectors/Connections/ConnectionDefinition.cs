using System.ComponentModel.DataAnnotations;

namespace Automation.Connectors.Connections;

/// <summary>What kind of system a named connection reaches.</summary>
public enum ConnectionKind
{
    Http,
    Fhir,
    Sqlite,
    PostgreSql,
}

/// <summary>How a connection authenticates; secrets come from the credential vault, never from here.</summary>
public enum AuthenticationKind
{
    None,

    /// <summary>HTTP Basic with the credential's <c>userName</c> and <c>password</c> fields.</summary>
    Basic,

    /// <summary>A header (<see cref="ConnectionDefinition.ApiKeyHeader"/>) with the credential's <c>apiKey</c> field.</summary>
    ApiKey,

    /// <summary>OAuth2 client credentials: the credential's <c>clientId</c>/<c>clientSecret</c> at <see cref="ConnectionDefinition.TokenUrl"/>.</summary>
    OAuth2ClientCredentials,
}

/// <summary>
/// A named connection a workflow refers to by name: where the system is, which vault credential to use, and how hard
/// to try. Configured under <c>Automation:Connections:{name}</c>.
/// </summary>
public sealed class ConnectionDefinition
{
    /// <summary>The name flows use; filled from the configuration key.</summary>
    public string Name { get; set; } = "";

    public ConnectionKind Kind { get; set; } = ConnectionKind.Http;

    /// <summary>For HTTP and FHIR: the base address, for example <c>https://fhir.example/r4/</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>For SQL: the connection string without secrets (the password comes from the credential).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Name of the vault credential; null for none.</summary>
    public string? Credential { get; set; }

    public AuthenticationKind Authentication { get; set; } = AuthenticationKind.None;

    /// <summary>Header for <see cref="AuthenticationKind.ApiKey"/>. <value>X-Api-Key</value></summary>
    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>Token endpoint for <see cref="AuthenticationKind.OAuth2ClientCredentials"/>.</summary>
    public Uri? TokenUrl { get; set; }

    /// <summary>OAuth2 scope to ask for, if the server wants one.</summary>
    public string? Scope { get; set; }

    public ConnectionResilience Resilience { get; set; } = new();
}

/// <summary>Retry, timeout and circuit breaker of one connection (shared by every flow that uses it).</summary>
public sealed class ConnectionResilience
{
    /// <summary>Retries after a transient failure (5xx, 408, 429, network error, timeout). <value>3</value></summary>
    [Range(0, 20)]
    public int RetryCount { get; set; } = 3;

    /// <summary>First retry delay; doubles each time, with jitter, and a 429's Retry-After wins. <value>200 ms</value></summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time limit of one attempt. <value>30 seconds</value></summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failure ratio in the sampling window that opens the breaker. <value>0.5</value></summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Fewest calls in the window before the breaker may open. <value>10</value></summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Window the failure ratio is measured over. <value>30 seconds</value></summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the breaker stays open before letting a trial call through. <value>15 seconds</value></summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>All named connections, bound from <c>Automation:Connections</c>.</summary>
public sealed class ConnectorOptions
{
    public const string Section = "Automation:Connections";

    public Dictionary<string, ConnectionDefinition> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
