using System.Text.Json.Nodes;
using Automation.Engine.Masking;

namespace Automation.Engine.RunLog;

/// <summary>
/// What is masked before a run-log record is stored: CPR numbers anywhere in text (<see cref="PersonalDataMasker"/>),
/// whole values under keys the event marks personal, and whatever sits under a credential-like key (never stored).
/// </summary>
public static class RunLogMasking
{
    // Credentials are masked by key whatever the event says: a secret must not reach the log even if a caller forgets.
    private static readonly string[] CredentialKeyParts = ["password", "secret", "apikey", "api_key", "token", "credentialvalue"];

    /// <summary>A masked copy of <paramref name="payload"/>.</summary>
    public static JsonObject? MaskPayload(JsonObject? payload, IReadOnlyCollection<string> personalKeys)
    {
        if (payload is null)
        {
            return null;
        }

        var copy = new JsonObject();
        foreach (var (key, value) in payload)
        {
            copy[key] = IsCredentialKey(key) ? JsonValue.Create(PersonalDataMasker.Masked) : MaskValue(value, personalKeys.Contains(key));
        }

        return copy;
    }

    /// <summary>Masks CPR numbers in a correlation id, actor name or other short text.</summary>
    public static string? MaskText(string? text) => text is null ? null : PersonalDataMasker.MaskText(text);

    private static JsonNode? MaskValue(JsonNode? value, bool personal) => value switch
    {
        JsonObject o when !personal => MaskPayload(o, []),
        JsonArray a when !personal => new JsonArray(a.Select(item => MaskValue(item, false)).ToArray()),
        _ => PersonalDataMasker.Mask(value, personal),
    };

    private static bool IsCredentialKey(string key)
    {
        // "tokenId"/"credentialName" name which one was used, which is allowed; only values are secret.
        if (key.EndsWith("Id", StringComparison.Ordinal) || key.EndsWith("Name", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in CredentialKeyParts)
        {
            if (key.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
