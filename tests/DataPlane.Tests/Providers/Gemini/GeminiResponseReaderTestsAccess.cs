using Switchyard.DataPlane.Providers.Gemini;

namespace Switchyard.DataPlane.Tests.Providers.Gemini;

/// <summary>Reads a Gemini answer with one signed function call and returns the tool-call id the gateway gave it.</summary>
internal static class GeminiResponseReaderTestsAccess
{
    public static string ReadFunctionCallId(string signature)
    {
        var body = $$$"""{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{}},"thoughtSignature":"{{{signature}}}"}]},"finishReason":"STOP","index":0}]}""";
        var response = GeminiResponseReader.Read(System.Text.Json.JsonDocument.Parse(body).RootElement);
        return response.Value!.Choices[0].ToolCalls[0].Id;
    }
}
