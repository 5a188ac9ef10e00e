using System.Net;
using System.Text.RegularExpressions;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// A browser without a browser: follows redirects one by one with its own cookie jar and fills in
/// <see cref="OidcProvider"/>'s login and consent forms, so the real authorization-code flow runs over HTTP.
/// </summary>
public sealed partial class OidcUserAgent : IDisposable
{
    private readonly HttpClient _http;

    public OidcUserAgent()
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
    }

    public HttpClient Http => _http;

    /// <summary>
    /// Starts at <paramref name="start"/>, signs in at the provider as <paramref name="login"/>, and returns the first URL
    /// on <paramref name="portal"/> that is neither a sign-in endpoint nor the SSO completion.
    /// </summary>
    public async Task<Uri> SignInAsync(Uri start, Uri portal, string login, string issuer)
    {
        var url = start;
        using var first = await _http.GetAsync(url);
        var response = first;
        var trail = new List<string> { url.ToString() };
        for (var step = 0; step < 20; step++)
        {
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                url = new Uri(url, location);
                trail.Add(url.ToString());
                if (url.Authority == portal.Authority && !url.AbsolutePath.StartsWith("/api/auth/sso/", StringComparison.Ordinal)
                    && !url.AbsolutePath.StartsWith("/account/sso/", StringComparison.Ordinal))
                {
                    return url;
                }

                response = await _http.GetAsync(url);
                continue;
            }

            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !url.ToString().StartsWith(issuer, StringComparison.Ordinal)
                || FormAction().Match(body) is not { Success: true } form)
            {
                throw new InvalidOperationException($"Unexpected {(int)response.StatusCode} at {url}:\n{body}\nTrail:\n{string.Join('\n', trail)}");
            }

            var fields = HiddenInput().Matches(body).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            if (body.Contains("name=\"login\"", StringComparison.Ordinal))
            {
                fields["login"] = login;
                fields["password"] = "any-password";
            }

            url = new Uri(url, WebUtility.HtmlDecode(form.Groups["action"].Value));
            trail.Add("POST " + url);
            response = await _http.PostAsync(url, new FormUrlEncodedContent(fields));
        }

        throw new InvalidOperationException("Too many steps:\n" + string.Join('\n', trail));
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]+)\"[^>]*method=\"post\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
