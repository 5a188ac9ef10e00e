using System.Text;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;

namespace Switchyard.DataPlane.Tests.Fuzzing.Providers;

/// <summary>
/// How to fuzz one provider: the adapter and deployment, and generators for its answers: mutated recorded answers,
/// streams and error bodies, under statuses a real provider (or a proxy in front of it) might send.
/// </summary>
internal sealed class ProviderFuzzKind(
    string name, IChatProvider provider, Func<string, RuntimeDeployment> deployment, JsonMutator answers, JsonMutator errors,
    Func<Random, (byte[] Bytes, string Recipe)> streams, string streamContentType)
{
    private static readonly int[] FailureStatuses = [204, 301, 302, 400, 401, 403, 404, 408, 413, 422, 429, 500, 502, 503, 504, 529];

    public string Name => name;

    public IChatProvider Provider => provider;

    public RuntimeDeployment Deployment(string baseUrl) => deployment(baseUrl);

    public ProviderCase Generate(Random random)
    {
        var stream = random.Next(2) == 0;
        var anthropicCaller = random.Next(2) == 0;
        if (random.Next(7) == 0)
        {
            var status = FailureStatuses[random.Next(FailureStatuses.Length)];
            var (body, recipe) = random.Next(4) switch
            {
                0 => (Encoding.UTF8.GetBytes(random.Next(2) == 0 ? "<html><body>502 Bad Gateway</body></html>" : "upstream connect error or disconnect/reset before headers"), "plain text"),
                _ => errors.Next(random),
            };
            return new ProviderCase(stream, anthropicCaller, UpstreamAnswer.Of(random, status, random.Next(3) == 0 ? "text/plain" : "application/json", body), "error body: " + recipe);
        }

        var (bytes, how) = stream ? streams(random) : answers.Next(random);
        var contentType = stream ? streamContentType : "application/json";
        return new ProviderCase(stream, anthropicCaller, UpstreamAnswer.Of(random, 200, contentType, bytes), how);
    }
}
