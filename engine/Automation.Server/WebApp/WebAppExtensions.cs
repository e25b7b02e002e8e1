using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Automation.Server.WebApp;

/// <summary>
/// Serves the web app built from <c>designer/</c> (Vite's <c>dist</c> folder): its static files, and its
/// <c>index.html</c> for every other page address so the browser's router can show it (SPA fallback).
/// </summary>
public static partial class WebAppExtensions
{
    /// <summary>Configuration key of the folder holding the built app (index.html and assets/).</summary>
    public const string DirectoryKey = "Automation:WebAppDirectory";

    /// <summary>
    /// Serves the app from <see cref="DirectoryKey"/>, or, when that is not set, from <c>designer/dist</c> in the
    /// nearest folder above the content root that has one (so <c>dotnet run</c> in the repository finds it). Without a
    /// built app the API still runs and the log says how to build it.
    /// </summary>
    public static WebApplication MapWebApp(this WebApplication app)
    {
        var directory = Locate(app.Configuration[DirectoryKey], app.Environment.ContentRootPath);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebAppExtensions).FullName!);
        if (directory is null || !File.Exists(Path.Combine(directory, "index.html")))
        {
            LogMissing(logger, directory ?? "designer/dist");
            return app;
        }

        var files = new PhysicalFileProvider(directory);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context => SetCaching(context.Context.Response, context.File.Name, context.Context.Request.Path),
        });

        // Page addresses (/designer/..., /tasks) get index.html. This is middleware that acts only when routing found
        // no endpoint, not a catch-all route: a catch-all would outrank the framework's own 405/415 answers for API
        // routes (those are endpoints too). A missing asset (a path with an extension) stays a 404.
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                || IsServerPath(request.Path) || Path.HasExtension(request.Path.Value))
            {
                await next(context);
                return;
            }

            var index = files.GetFileInfo("index.html");
            context.Response.ContentType = "text/html; charset=utf-8";
            SetCaching(context.Response, "index.html", request.Path);
            await context.Response.SendFileAsync(index, context.RequestAborted);
        });
        return app;
    }

    private static bool IsServerPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api-docs", StringComparison.OrdinalIgnoreCase);

    // Vite names assets by content hash, so they never change; index.html must be fetched again to see a new build.
    private static void SetCaching(HttpResponse response, string fileName, PathString path)
    {
        response.Headers[HeaderNames.CacheControl] = path.StartsWithSegments("/assets") && fileName != "index.html"
            ? "public, max-age=31536000, immutable"
            : "no-cache";
    }

    private static string? Locate(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "designer", "dist");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web app is not built: no index.html in {Directory}. Build it with designer/build.sh (tools/run.sh runs it), or set Automation:WebAppDirectory.")]
    private static partial void LogMissing(ILogger logger, string directory);
}
