using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Automation.Server.Hosting;

/// <summary>Declares API tokens in the OpenAPI document, so the browsable API page offers an "Authorize" box for them.</summary>
internal sealed class BearerTokenDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token made with POST /api/tokens (administrators). Pages use the sign-in cookie instead.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
