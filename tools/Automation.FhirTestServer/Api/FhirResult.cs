using System.Text;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Automation.FhirTestServer.Api;

/// <summary>A FHIR resource as the response body, with the status and headers a FHIR server sends.</summary>
internal sealed class FhirResult(int statusCode, Resource resource, string? location = null) : IResult
{
    public int StatusCode => statusCode;

    public Resource Resource => resource;

    public static FhirResult Outcome(int statusCode, OperationOutcome.IssueType code, string diagnostics, OperationOutcome.IssueSeverity severity = OperationOutcome.IssueSeverity.Error) =>
        new(statusCode, new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent { Severity = severity, Code = code, Diagnostics = diagnostics }],
        });

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = FhirWire.MediaType + "; charset=utf-8";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        if (resource.Meta?.VersionId is { } version)
        {
            response.Headers.ETag = $"W/\"{version}\"";
        }

        await response.WriteAsync(FhirWire.Serialize(resource), Encoding.UTF8, httpContext.RequestAborted);
    }
}
