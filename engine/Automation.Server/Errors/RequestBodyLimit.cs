using Automation.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Automation.Server.Errors;

/// <summary>
/// Refuses a body announced larger than <see cref="ServerOptions.MaxRequestBodyBytes"/> with 413 before anything reads it.
/// Kestrel enforces the same limit on bodies without a length (chunked); this check also covers hosts that do not
/// enforce Kestrel's limits (the in-memory test server) and answers with ProblemDetails instead of a reset connection.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // An endpoint that takes files (place imports) names its own, larger limit; Kestrel is told it too.
            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            var endpointLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
            if (endpointLimit is not null && feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = endpointLimit;
            }

            var max = endpointLimit
                ?? feature?.MaxRequestBodySize
                ?? context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > max)
            {
                throw new BadHttpRequestException(
                    $"The request body has {context.Request.ContentLength:N0} bytes; the server accepts at most {max:N0}.",
                    StatusCodes.Status413PayloadTooLarge);
            }

            await next(context);
        });
}
