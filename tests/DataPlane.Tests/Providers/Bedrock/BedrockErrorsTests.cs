using System.Text;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

public class BedrockErrorsTests
{
    [Theory]
    [InlineData("bedrock-error-400-validation", GatewayErrorKind.InvalidRequest, 400, null, "The provided model identifier is invalid.")]
    [InlineData("bedrock-error-403-signature", GatewayErrorKind.Upstream, 502, "upstream_auth_failed", "The request signature we calculated does not match")]
    [InlineData("bedrock-error-429-throttling", GatewayErrorKind.RateLimit, 429, "rate_limit_exceeded", "Too many requests, please wait before trying again.")]
    public void FromResponse_Fixture_MapsByErrorType(string fixture, GatewayErrorKind kind, int status, string? code, string message)
    {
        var (fixtureStatus, headers) = ReadHeaders(fixture + ".headers");

        var error = BedrockErrors.FromResponse(fixtureStatus, headers["x-amzn-errortype"], Fixture.Bytes(fixture + ".json"), null);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(kind == GatewayErrorKind.RateLimit ? "1" : null, error.RetryAfter);
    }

    [Theory]
    [InlineData(400, "ValidationException", "Input is too long for requested model.", GatewayErrorKind.InvalidRequest, 400, "context_length_exceeded")]
    [InlineData(403, "AccessDeniedException:http://internal.amazon.com/coral/", "denied", GatewayErrorKind.Upstream, 502, "upstream_auth_failed")]
    [InlineData(403, "UnrecognizedClientException", "bad key", GatewayErrorKind.Upstream, 502, "upstream_auth_failed")]
    [InlineData(404, "ResourceNotFoundException", "no model", GatewayErrorKind.NotFound, 404, "model_not_found")]
    [InlineData(408, "ModelTimeoutException", "slow", GatewayErrorKind.Timeout, 504, "upstream_timeout")]
    [InlineData(424, "ModelErrorException", "model failed", GatewayErrorKind.Upstream, 502, "upstream_error")]
    [InlineData(500, "InternalServerException", "oops", GatewayErrorKind.Upstream, 502, "upstream_error")]
    [InlineData(503, "ServiceUnavailableException", "busy", GatewayErrorKind.Overloaded, 503, "overloaded")]
    [InlineData(503, null, "busy", GatewayErrorKind.Overloaded, 503, "overloaded")]
    public void FromResponse_ErrorType_MapsToGatewayError(int status, string? errorType, string message, GatewayErrorKind kind, int expectedStatus, string code)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"Message":"{{message}}"}""");

        var error = BedrockErrors.FromResponse(status, errorType, body, null);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(expectedStatus, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_ThrottlingWithRetryAfter_KeepsIt()
    {
        var error = BedrockErrors.FromResponse(429, "ThrottlingException", """{"message":"slow down"}"""u8, "7");

        Assert.Equal("7", error.RetryAfter);
    }

    [Theory]
    [InlineData("throttlingException", GatewayErrorKind.RateLimit, 429)]
    [InlineData("validationException", GatewayErrorKind.InvalidRequest, 400)]
    [InlineData("modelStreamErrorException", GatewayErrorKind.Upstream, 502)]
    [InlineData("internalServerException", GatewayErrorKind.Upstream, 502)]
    [InlineData("serviceUnavailableException", GatewayErrorKind.Overloaded, 503)]
    public void FromStreamException_ExceptionType_MapsToGatewayError(string type, GatewayErrorKind kind, int status)
    {
        var error = BedrockErrors.FromStreamException(type, """{"message":"went wrong"}"""u8);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.Status);
        Assert.Contains("went wrong", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reads a .headers fixture: the status line, then "name: value" lines.</summary>
    internal static (int Status, Dictionary<string, string> Headers) ReadHeaders(string fixture)
    {
        var lines = Fixture.Text(fixture).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return (int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers);
    }
}
