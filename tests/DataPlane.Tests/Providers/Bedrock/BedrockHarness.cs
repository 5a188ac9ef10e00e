using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

/// <summary>A scripted Bedrock on 127.0.0.1 (a <see cref="FakeUpstream"/>) and a provider pointed at it.</summary>
internal sealed partial class BedrockHarness : IAsyncDisposable
{
    public const string Model = "us.anthropic.claude-3-5-sonnet-20241022-v2:0";
    public const string Secret = "AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY:SESSIONTOKENEXAMPLE";

    private readonly UpstreamHttpClient _http = TestEgress.LoopbackClient();

    private BedrockHarness(FakeUpstream upstream)
    {
        Upstream = upstream;
        Provider = new BedrockChatProvider(new UpstreamClient(_http, Options.Create(new UpstreamOptions { UpstreamTimeoutSeconds = 10 })), TimeProvider.System);
    }

    public FakeUpstream Upstream { get; }

    public BedrockChatProvider Provider { get; }

    /// <summary>The last request target exactly as it arrived on the wire (path still escaped).</summary>
    public string LastRawTarget => Upstream.Last.PathAndQuery;

    public static async Task<BedrockHarness> StartAsync(FakeReply reply) => new(await FakeUpstream.StartAsync(reply));

    public RuntimeDeployment Deployment(string model = Model, string? secret = Secret, Dictionary<string, string>? settings = null) =>
        new(new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.Bedrock, model, Upstream.BaseUrl, null, 1,
            settings ?? new Dictionary<string, string> { ["region"] = "us-east-1" }), secret);

    /// <summary>A 200 event stream written in small, irregular pieces, each flushed.</summary>
    public static FakeReply EventStream(byte[] data) =>
        FakeReply.Status(200, "application/vnd.amazon.eventstream").WriteInPieces(data, 1, 5, 17, 3, 64, 2, 11, 200);

    /// <summary>Recomputes the SigV4 signature from the request as received and checks it matches the one sent.</summary>
    public static void AssertSignatureVerifies(RecordedRequest call, string rawTarget, string region = "us-east-1")
    {
        var match = AuthorizationPattern().Match(call.Headers["Authorization"]);
        Assert.True(match.Success, call.Headers["Authorization"]);
        Assert.Equal("AKIDEXAMPLE", match.Groups["key"].Value);
        Assert.Equal(region, match.Groups["region"].Value);
        var time = DateTimeOffset.ParseExact(call.Headers["x-amz-date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(match.Groups["date"].Value, call.Headers["x-amz-date"][..8]);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(call.BodyBytes));
        Assert.Equal(bodyHash, call.Headers["x-amz-content-sha256"]);
        var signedHeaders = match.Groups["signed"].Value.Split(';');
        Assert.Contains("host", signedHeaders);
        Assert.Contains("x-amz-date", signedHeaders);
        Assert.Contains("x-amz-security-token", signedHeaders);
        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var credentials = AwsCredentials.Parse(Secret)!;

        var recomputed = SigV4Signer.Compute(call.Method, query < 0 ? rawTarget : rawTarget[..query], query < 0 ? null : rawTarget[query..],
            signedHeaders.Select(h => KeyValuePair.Create(h, call.Headers[h])), bodyHash, time, credentials, region, "bedrock");

        Assert.Equal(match.Groups["signature"].Value, recomputed.Signature);
    }

    public async ValueTask DisposeAsync()
    {
        await Upstream.DisposeAsync();
        _http.Dispose();
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[A-Z0-9]+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/bedrock/aws4_request, SignedHeaders=(?<signed>[a-z0-9;-]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}
