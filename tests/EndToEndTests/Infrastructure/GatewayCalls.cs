using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>Raw HTTP calls to a gateway node, for tests that count statuses rather than use an SDK.</summary>
public static class GatewayCalls
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<HttpStatusCode> ChatAsync(string nodeUrl, string key, string model = TenantScenario.MockModel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, nodeUrl + "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hello"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await Http.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
