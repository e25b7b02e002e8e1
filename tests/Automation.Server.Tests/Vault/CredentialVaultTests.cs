using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.Credentials;
using Automation.Server.Tests.Infrastructure;
using Automation.Server.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Automation.Server.Tests.Vault;

public sealed class CredentialVaultTests
{
    // Distinctive, so finding it anywhere is a leak and not a coincidence.
    private readonly string _password = "Pw-" + Guid.NewGuid().ToString("N");
    private readonly string _apiKey = "Key-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task EveryCredentialEndpoint_AfterStoringSecrets_NeverAnswersWithAValue()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();
        var answers = new StringBuilder();

        var created = await Record(answers, admin.PutAsJsonAsync("/api/credentials/sundhed-portal", Body(_password, _apiKey)));
        var updated = await Record(answers, admin.PutAsJsonAsync("/api/credentials/sundhed-portal", new { fields = new Dictionary<string, string?> { ["userName"] = "robot-1", ["password"] = null, ["apiKey"] = null }, description = "Robot account, rotated" }));
        var list = await Record(answers, admin.GetAsync("/api/credentials"));
        var one = await Record(answers, admin.GetAsync("/api/credentials/SUNDHED-PORTAL"));
        var empty = await Record(answers, admin.PutAsJsonAsync("/api/credentials/sundhed-portal", new { fields = new Dictionary<string, string?> { ["password"] = "" } }));
        var badName = await Record(answers, admin.PutAsJsonAsync("/api/credentials/bad name!", Body(_password, _apiKey)));
        var second = await Record(answers, admin.PutAsJsonAsync("/api/credentials/old-system", Body(_password + "-old", _apiKey + "-old")));
        var delete = await Record(answers, admin.DeleteAsync("/api/credentials/old-system"));
        var deleteAgain = await Record(answers, admin.DeleteAsync("/api/credentials/old-system"));
        var credential = await factory.Services.GetRequiredService<ICredentialStore>().GetAsync("Sundhed-Portal", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
        var listed = (await list.Content.ReadFromJsonAsync<JsonArray>())!.Single()!;
        Assert.Equal("sundhed-portal", listed["name"]!.GetValue<string>());
        Assert.Equal(["apiKey", "password", "userName"], listed["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("Robot account, rotated", listed["description"]!.GetValue<string>());
        Assert.DoesNotContain(_password, answers.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_apiKey, answers.ToString(), StringComparison.Ordinal);
        Assert.Equal(_password, credential!["password"]);
        Assert.Equal(_apiKey, credential["APIKEY"]);
        Assert.DoesNotContain(_password, credential.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredSecret_IsNeitherInTheLogFilesNorInClearTextInTheDatabaseFile()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();

        var put = await admin.PutAsJsonAsync("/api/credentials/fhir-server", Body(_password, _apiKey));
        await admin.GetAsync("/api/credentials");
        await factory.Services.GetRequiredService<ICredentialStore>().GetAsync("fhir-server", CancellationToken.None);
        var log = await SignInTests.AllLogText(factory);
        var database = await ReadAllAsync(Directory.GetFiles(factory.DataDirectory, "automation.db*"));

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Contains("stored credential fhir-server", log, StringComparison.Ordinal);
        Assert.Contains("HTTP PUT /api/credentials/fhir-server responded 201", log, StringComparison.Ordinal);
        Assert.DoesNotContain(_password, log, StringComparison.Ordinal);
        Assert.DoesNotContain(_apiKey, log, StringComparison.Ordinal);
        Assert.Contains("fhir-server", Encoding.UTF8.GetString(database), StringComparison.Ordinal);
        foreach (var secret in new[] { _password, _apiKey })
        {
            Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
        }
    }

    [Fact]
    public async Task LogLine_ThatContainsAStoredSecretByMistake_IsWrittenMasked()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();
        (await admin.PutAsJsonAsync("/api/credentials/web-portal", Body(_password, _apiKey))).EnsureSuccessStatusCode();
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Robots.WebPortal");

        logger.LogInformation("Typed {Text} into the sign-in form", "robot-1 / " + _password);
        var log = await SignInTests.AllLogText(factory);

        Assert.Contains("Typed robot-1 / *** into the sign-in form", log, StringComparison.Ordinal);
        Assert.DoesNotContain(_password, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialStore_AfterARestartOnTheSameDataFolder_DecryptsWithThePersistedKeys()
    {
        var folder = Path.Combine(Path.GetTempPath(), "automation-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var first = new ServerFactory(folder))
            {
                using var admin = await first.AdminAsync();
                (await admin.PutAsJsonAsync("/api/credentials/nemlogin", Body(_password, _apiKey))).EnsureSuccessStatusCode();
            }

            using var second = new ServerFactory(folder);
            var credential = await second.Services.GetRequiredService<ICredentialStore>().GetAsync("nemlogin", CancellationToken.None);

            Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "keys"), "key-*.xml"));
            Assert.Equal(_password, credential!["password"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Credential_MissingField_ErrorNamesTheFieldsThereAre()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();
        (await admin.PutAsJsonAsync("/api/credentials/sql-reporting", Body(_password, _apiKey))).EnsureSuccessStatusCode();
        var credential = await factory.Services.GetRequiredService<ICredentialStore>().GetAsync("sql-reporting", CancellationToken.None);

        var error = Assert.Throws<KeyNotFoundException>(() => credential!["connectionString"]);

        Assert.Contains("'connectionString'", error.Message, StringComparison.Ordinal);
        Assert.Contains("apiKey, password, userName", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_KeepingAFieldThatWasNeverStored_BadRequestNamingTheField()
    {
        using var factory = new ServerFactory();
        using var admin = await factory.AdminAsync();

        var response = await admin.PutAsJsonAsync("/api/credentials/new-one", new { fields = new Dictionary<string, string?> { ["password"] = null } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'password'", await SignInTests.Detail(response), StringComparison.Ordinal);
    }

    private static object Body(string password, string apiKey) => new
    {
        fields = new Dictionary<string, string?> { ["userName"] = "robot-1", ["password"] = password, ["apiKey"] = apiKey },
        description = "Robot account",
        targetSystem = "Sundhedsplatformen",
    };

    private static async Task<HttpResponseMessage> Record(StringBuilder answers, Task<HttpResponseMessage> call)
    {
        var response = await call;
        answers.AppendLine(response.ToString()).AppendLine(await response.Content.ReadAsStringAsync());
        return response;
    }

    private static async Task<byte[]> ReadAllAsync(IEnumerable<string> files)
    {
        using var all = new MemoryStream();
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await stream.CopyToAsync(all);
        }

        return all.ToArray();
    }
}
