using System.Globalization;
using System.Text;

namespace Automation.LegacyWeb.Pages;

/// <summary>Small helpers for hand-written HTML, as the old systems were.</summary>
internal static class Html
{
    /// <summary>Encodes the five markup characters only, so Danish letters stay readable in the source.</summary>
    public static string E(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    public static IResult Page(string title, string body, int statusCode = 200) =>
        Results.Content(
            $"""
            <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
            <html lang="da">
            <head>
            <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
            <title>{E(title)}</title>
            </head>
            {body}
            </html>
            """,
            "text/html; charset=utf-8",
            Encoding.UTF8,
            statusCode);

    /// <summary>"Forrige" / "Side x af y" / "Næste"; the links are plain text on the first and last page.</summary>
    public static string Pager(int page, int pageSize, int total, Func<int, string> urlOf)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        var previous = page > 1 ? $"<a href=\"{E(urlOf(page - 1))}\">Forrige</a>" : "Forrige";
        var next = page < pages ? $"<a href=\"{E(urlOf(page + 1))}\">Næste</a>" : "Næste";
        return string.Create(CultureInfo.InvariantCulture, $"<p class=\"sider\">{previous} | Side {page} af {pages} ({total} i alt) | {next}</p>");
    }

    public static string Date(DateOnly date, string format) => date.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Page number from the query, clamped to 1 or more.</summary>
    public static int PageOf(HttpRequest request) =>
        int.TryParse(request.Query["side"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;
}
