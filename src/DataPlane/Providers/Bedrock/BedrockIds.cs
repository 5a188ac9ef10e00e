using System.Security.Cryptography;

namespace Switchyard.DataPlane.Providers.Bedrock;

internal static class BedrockIds
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>"call_" + 24 random alphanumerics, for a tool call that arrived without an id.</summary>
    public static string NewCallId() => "call_" + RandomNumberGenerator.GetString(Alphanumerics, 24);
}
