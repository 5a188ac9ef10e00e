using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.Upstream;

public class UpstreamErrorsTests
{
    [Theory]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' })]
    public void ParseBody_StringsThatCannotBeDecoded_ReadAsNotJson(byte[] bad)
    {
        byte[] body = [.. "{\"error\":{\"message\":\"quota"u8, .. bad, .. "\"}}"u8];

        Assert.Equal(JsonValueKind.Undefined, UpstreamErrors.ParseBody(body).ValueKind);
    }

    [Fact]
    public void FromResponse_ErrorMessageNotUtf8_MapsTheStatusInsteadOfThrowing()
    {
        byte[] body = [.. "{\"error\":{\"message\":\"bad key "u8, 0xC3, .. "\",\"code\":\"invalid_api_key\"}}"u8];

        var error = OpenAIErrorReader.FromResponse(401, body, null);

        Assert.Equal((GatewayErrorKind.Upstream, 502, "upstream_auth_failed"), (error.Kind, error.Status, error.Code));
    }
}
