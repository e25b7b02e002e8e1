using Automation.Server.Activities;
using Automation.Server.Definitions;
using Automation.Server.Health;
using Automation.Server.HttpTriggers;
using Automation.Server.Hosting;
using Automation.Server.Instances;
using Automation.Server.Logging;
using Automation.Server.Queues;
using Automation.Server.Scheduling;
using Automation.Server.Security;
using Automation.Server.Signals;
using Automation.Server.Tasks;
using Automation.Server.Vault;

var builder = WebApplication.CreateBuilder(args);
builder.AddServerOptions();
builder.AddServerLogging();
builder.Services.AddServerApi();
builder.Services.AddServerEngine(builder.Configuration);
builder.Services.AddServerScheduling();
builder.Services.AddServerHealth();
builder.Services.AddServerSecurity();
builder.Services.AddServerVault();

var app = builder.Build();
await app.PrepareAsync();
app.UseServerPipeline();
app.AnnounceAddresses();
app.MapHealthApi();
app.MapActivitiesApi();
app.MapDefinitionsApi();
app.MapInstancesApi();
app.MapSignalsApi();
app.MapTasksApi();
app.MapQueuesApi();
app.MapHttpTriggersApi();
app.MapAuthApi();
app.MapUsersApi();
app.MapTokensApi();
app.MapCredentialsApi();
await app.RunAsync();

/// <summary>Entry point; public so the tests' WebApplicationFactory can start the server.</summary>
public partial class Program;
