using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Automation.Engine.Activities;
using Automation.Engine.Definitions;
using Automation.Engine.Expressions;

namespace Automation.Engine.ElsaImport;

/// <summary>HTTP activities: requests, the endpoint trigger and the response.</summary>
internal sealed partial class ElsaImportSession
{
    private const string UnmatchedPort = "Unmatched";

    private readonly List<HttpOutputs> _httpOutputs = [];

    private Func<string, IReadOnlyList<string>>? MapHttpRequest(ElsaActivity a, ActivityNode node, bool flow)
    {
        node.Type = "HttpRequest";
        Set(node, "url", In(a, "url"));
        Set(node, "method", In(a, "method"));
        Set(node, "body", In(a, "content"));
        Set(node, "contentType", In(a, "contentType"));
        Set(node, "headers", Headers(In(a, "requestHeaders"), In(a, "authorization")));

        List<int> codes;
        if (flow)
        {
            var expected = In(a, "expectedStatusCodes");
            if (ExpressionInput.TryGetScript(expected, out _))
            {
                Problem($"{a.Path}.expectedStatusCodes", $"activity '{a.Id}' ({a.Type}) computes its expected status codes with a script; give them as a fixed list such as [200, 404], because each one is a port", a.Id, "expectedStatusCodes");
                return null;
            }

            codes = expected is JsonArray list
                ? list.Select(c => int.TryParse(JsonValueConverter.AsText(c), NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : -1).ToList()
                : ConnectedStatusPorts(a.Id);
            if (codes.Exists(c => c is < 100 or > 599))
            {
                Problem($"{a.Path}.expectedStatusCodes", $"activity '{a.Id}' ({a.Type}) lists something that is not an HTTP status code; use numbers from 100 to 599", a.Id, "expectedStatusCodes");
                return null;
            }
        }
        else
        {
            // SendHttpRequest runs activities nested per status code; a flowchart has connections for that instead.
            if ((a.Json["expectedStatusCodes"] is JsonArray cases && cases.Any(c => c?["activity"] is JsonObject))
                || a.Json["unmatchedStatusCode"] is JsonObject || a.Json["failedToConnect"] is JsonObject || a.Json["timeout"] is JsonObject)
            {
                Problem(a.Path, $"activity '{a.Id}' ({a.Type}) nests activities per status code, which cannot be imported; use 'HTTP Request (flow)' (Elsa.FlowSendHttpRequest) with a connection per status code", a.Id);
                return null;
            }

            codes = [];
        }

        node.Inputs["expectedStatusCodes"] = new JsonArray(codes.Distinct().Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        // Elsa sets the response, then the parsed content, status code and headers: where two share a variable the later one stays.
        var whole = OutputTarget(a.Json["result"]);
        var body = OutputTarget(a.Json["parsedContent"]);
        var status = OutputTarget(a.Json["statusCode"]);
        var headers = OutputTarget(a.Json["responseHeaders"]);
        var outputs = new HttpOutputs(
            a.Id,
            body is not null && body != status && body != headers ? body : null,
            status is not null && status != headers ? status : null,
            headers,
            whole is not null && whole != body && whole != status && whole != headers ? whole : null);
        if (outputs.Any)
        {
            _httpOutputs.Add(outputs);
        }

        // Elsa's Done follows every response, matched or not; ours has a port per expected code plus Unmatched.
        var onResponse = codes.Distinct().Select(StatusCodeText).Append(UnmatchedPort).ToArray();
        return port => port switch
        {
            Ports.Done => onResponse,
            "Unmatched status code" => [UnmatchedPort],
            "Failed to connect" => ["Failed"],
            _ => [port],
        };
    }

    /// <summary>The status codes an Elsa request without a list is connected by; Elsa's designer proposes 200 and the file's connections show which it meant.</summary>
    private List<int> ConnectedStatusPorts(string id) =>
        _rawConnections
            .Where(c => c.Source == id)
            .Select(c => int.TryParse(c.Port, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0)
            .Where(c => c is >= 100 and <= 599)
            .Distinct()
            .ToList();

    /// <summary>Elsa's headers (values may be lists) with its separate Authorization input folded in.</summary>
    private static JsonObject? Headers(JsonNode? headers, JsonNode? authorization)
    {
        var isScript = ExpressionInput.TryGetScript(headers, out var headersScript);
        var authIsScript = ExpressionInput.TryGetScript(authorization, out var authScript);
        if (!isScript && !authIsScript)
        {
            var result = new JsonObject();
            if (headers is JsonObject given)
            {
                foreach (var (name, value) in given)
                {
                    result[name] = value is JsonArray values ? string.Join(", ", values.Select(JsonValueConverter.AsText)) : JsonValueConverter.AsText(value);
                }
            }

            if (authorization is not null && JsonValueConverter.AsText(authorization).Length > 0)
            {
                result["Authorization"] = JsonValueConverter.AsText(authorization);
            }

            return result.Count == 0 ? null : result;
        }

        // Either part is computed: combine them in one script so both are evaluated at run time.
        var headersPart = isScript ? $"({headersScript})" : (headers as JsonObject)?.ToJsonString() ?? "{}";
        if (authorization is null)
        {
            return ExpressionInput.JavaScript(headersPart);
        }

        var authPart = authIsScript ? $"({authScript})" : authorization.ToJsonString();
        return ExpressionInput.JavaScript($"Object.assign({{}}, {headersPart}, {{ Authorization: {authPart} }})");
    }

    private Func<string, IReadOnlyList<string>>? MapHttpEndpoint(ElsaActivity a, ActivityNode node)
    {
        if (HasInbound(a.Id))
        {
            Problem(a.Path, $"activity '{a.Id}' ({a.Type}) waits for a request in the middle of the flow, which cannot be imported; only an HTTP endpoint that starts the workflow can", a.Id);
            return null;
        }

        if (!TryLiteralText(In(a, "path"), out var path) || path.Trim().Length == 0)
        {
            Problem($"{a.Path}.path", $"activity '{a.Id}' ({a.Type}) needs a fixed path such as 'hello-world'", a.Id, "path");
            return null;
        }

        var methods = In(a, "supportedMethods") switch
        {
            JsonArray list => list.Select(m => JsonValueConverter.AsText(m).Trim().ToUpperInvariant()).Where(m => m.Length > 0).Distinct().ToList(),
            JsonValue one when TryLiteralText(one, out var method) => [method.Trim().ToUpperInvariant()],
            _ => [],
        };
        if (methods.Count == 0)
        {
            methods.Add("GET");
        }

        path = path.Trim().TrimStart('/');
        node.Type = "HttpEndpoint";
        node.Inputs["path"] = path;
        node.Inputs["methods"] = new JsonArray(methods.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray());
        Set(node, "routeDataVariable", OutputTarget(a.Json["routeData"]));
        Set(node, "queryVariable", OutputTarget(a.Json["queryStringData"]));
        Set(node, "headersVariable", OutputTarget(a.Json["headers"]));
        Set(node, "bodyVariable", OutputTarget(a.Json["parsedContent"]));
        Set(node, "requestVariable", OutputTarget(a.Json["result"]));
        _definition.Triggers.Add(new TriggerDefinition { Kind = "http", Path = path, Methods = methods, Activity = a.Id });
        return SamePort;
    }

    private Func<string, IReadOnlyList<string>>? MapWriteHttpResponse(ElsaActivity a, ActivityNode node)
    {
        node.Type = "WriteHttpResponse";
        var status = In(a, "statusCode");
        if (TryLiteralText(status, out var text))
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                status = number;
            }
            else if (Enum.TryParse<HttpStatusCode>(text.Trim(), ignoreCase: true, out var named))
            {
                status = (int)named;
            }
            else
            {
                Problem($"{a.Path}.statusCode", $"activity '{a.Id}' ({a.Type}) has status code '{text}'; use a number or a name such as OK or NotFound", a.Id, "statusCode");
                return null;
            }
        }

        Set(node, "statusCode", status);
        Set(node, "content", In(a, "content"));
        Set(node, "contentType", In(a, "contentType"));
        Set(node, "headers", Headers(In(a, "responseHeaders"), null));
        if (!_definition.Outputs.Exists(o => o.Name == HttpTriggers.WriteHttpResponse.ResponseOutput))
        {
            _definition.Outputs.Add(new WorkflowOutput { Name = HttpTriggers.WriteHttpResponse.ResponseOutput, Type = DataType.Object });
        }

        return SamePort;
    }

    /// <summary>
    /// Elsa stores a response's parts (parsed content, status code, headers) in separate variables; our HttpRequest stores
    /// <c>{statusCode, headers, body}</c> in one. After each used port a small script copies the parts where Elsa put them.
    /// </summary>
    private void AddHttpOutputNodes()
    {
        foreach (var outputs in _httpOutputs)
        {
            if (!_mapped.TryGetValue(outputs.ActivityId, out var mapped))
            {
                continue;
            }

            var holder = UniqueVariableName("elsaResponse_" + string.Concat(outputs.ActivityId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')));
            _definition.Variables.Add(new VariableDefinition { Name = holder, Type = DataType.Any });
            mapped.Node.Inputs["resultVariable"] = holder;

            var script = new StringBuilder($"var response = variables.{holder} || {{}};");
            Append(script, outputs.Whole, "response");
            Append(script, outputs.Body, "response.body");
            Append(script, outputs.StatusCode, "response.statusCode");
            Append(script, outputs.Headers, "response.headers");

            var ports = _connections.Where(c => c.Source.Activity == outputs.ActivityId).Select(c => c.Source.Port!).Distinct().ToList();
            foreach (var port in ports)
            {
                var copy = new ActivityNode
                {
                    Id = NewId($"{outputs.ActivityId}-{port}-outputs"),
                    Type = "RunJavaScript",
                    Name = $"Store response ({port})",
                    Inputs = { ["script"] = script.ToString() },
                    Metadata = OffsetDesigner(mapped.Node.Metadata, 120),
                };
                _nodes.Add(copy);
                foreach (var connection in _connections.Where(c => c.Source.Activity == outputs.ActivityId && c.Source.Port == port))
                {
                    connection.Source = new Definitions.Endpoint { Activity = copy.Id, Port = Ports.Done };
                }

                _connections.Add(new Connection
                {
                    Source = new Definitions.Endpoint { Activity = outputs.ActivityId, Port = port },
                    Target = new Definitions.Endpoint { Activity = copy.Id },
                });
            }
        }

        static void Append(StringBuilder script, string? variable, string value)
        {
            if (variable is not null)
            {
                script.Append(CultureInfo.InvariantCulture, $"\nsetVariable('{variable}', {value} === undefined ? null : {value});");
            }
        }
    }

    private string UniqueVariableName(string wanted)
    {
        var name = wanted;
        for (var n = 2; _definition.Variables.Exists(v => v.Name == name); n++)
        {
            name = $"{wanted}{n}";
        }

        return name;
    }

    /// <summary>Which variables an Elsa HTTP request's outputs were bound to.</summary>
    private sealed record HttpOutputs(string ActivityId, string? Body, string? StatusCode, string? Headers, string? Whole)
    {
        public bool Any => Body is not null || StatusCode is not null || Headers is not null || Whole is not null;
    }
}
