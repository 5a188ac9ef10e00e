using System.Text;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.OpenAI;

namespace Switchyard.DataPlane.Tests.Dialects.OpenAI;

/// <summary>Bad bodies are rejected with 400, OpenAI's wording, the exact parameter path and code; never an exception.</summary>
public class OpenAIDialectValidationTests
{
    private const string User = """{"role":"user","content":"hi"}""";

    [Theory]
    [InlineData("""{"model":"m"}""", "missing_required_parameter", "Missing required parameter: 'messages'.")]
    [InlineData("""{"model":"m","messages":null}""", "missing_required_parameter", "Missing required parameter: 'messages'.")]
    [InlineData("""{"model":"m","messages":[]}""", "invalid_value", "Invalid 'messages': empty array.")]
    [InlineData("""{"model":"m","messages":"hi"}""", "invalid_type", "Invalid type for 'messages': expected an array of objects, but got a string instead.")]
    [InlineData("""{"model":"m","messages":{"role":"user"}}""", "invalid_type", "Invalid type for 'messages': expected an array of objects, but got an object instead.")]
    [InlineData("""{"messages":[]}""", "missing_required_parameter", "you must provide a model parameter")]
    public void Scan_MessagesMissingEmptyOrNotAnArray_NamesWhichWithItsCode(string body, string code, string message)
    {
        new OpenAIDialect(TimeProvider.System).Scan(Encoding.UTF8.GetBytes(body), out var error);

        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""" "temperature":3 """, "temperature", "invalid_value")]
    [InlineData(""" "temperature":"hot" """, "temperature", "invalid_type")]
    [InlineData(""" "top_p":1.5 """, "top_p", "invalid_value")]
    [InlineData(""" "n":0 """, "n", "invalid_value")]
    [InlineData(""" "n":129 """, "n", "invalid_value")]
    [InlineData(""" "n":1.5 """, "n", "invalid_type")]
    [InlineData(""" "frequency_penalty":-2.5 """, "frequency_penalty", "invalid_value")]
    [InlineData(""" "presence_penalty":3 """, "presence_penalty", "invalid_value")]
    [InlineData(""" "max_tokens":0 """, "max_tokens", "invalid_value")]
    [InlineData(""" "max_completion_tokens":99999999999 """, "max_completion_tokens", "invalid_value")]
    [InlineData(""" "max_completion_tokens":50,"max_tokens":10 """, "max_tokens", "invalid_parameter_combination")]
    [InlineData(""" "max_tokens":100000,"max_completion_tokens":50 """, "max_tokens", "invalid_parameter_combination")]
    [InlineData(""" "seed":"x" """, "seed", "invalid_type")]
    [InlineData(""" "stream":"yes" """, "stream", "invalid_type")]
    [InlineData(""" "stream_options":{"include_usage":1} """, "stream_options.include_usage", "invalid_type")]
    [InlineData(""" "stop":["a","b","c","d","e"] """, "stop", "invalid_value")]
    [InlineData(""" "stop":["a",1] """, "stop[1]", "invalid_type")]
    [InlineData(""" "user":42 """, "user", "invalid_type")]
    [InlineData(""" "tools":{} """, "tools", "invalid_type")]
    [InlineData(""" "tools":[{"type":"function","function":{"name":"bad name"}}] """, "tools[0].function.name", "invalid_value")]
    [InlineData(""" "tools":[{"type":"function","function":{"name":"f"}},{"type":"function","function":{"name":""}}] """, "tools[1].function.name", "invalid_value")]
    [InlineData(""" "tools":[{"type":"custom","custom":{"name":"f"}}] """, "tools[0].type", "invalid_value")]
    [InlineData(""" "tools":[{"function":{"name":"f"}}] """, "tools[0].type", "missing_required_parameter")]
    [InlineData(""" "tools":[{"type":"function"}] """, "tools[0].function", "missing_required_parameter")]
    [InlineData(""" "tools":[{"type":"function","function":{"description":"d"}}] """, "tools[0].function.name", "missing_required_parameter")]
    [InlineData(""" "tools":[{"type":"function","function":{"name":"f","parameters":[]}}] """, "tools[0].function.parameters", "invalid_type")]
    [InlineData(""" "tools":[{"type":"function","function":{"name":"f","strict":"yes"}}] """, "tools[0].function.strict", "invalid_type")]
    [InlineData(""" "tool_choice":"sometimes" """, "tool_choice", "invalid_value")]
    [InlineData(""" "tool_choice":{"type":"function","function":{}} """, "tool_choice.function.name", "missing_required_parameter")]
    [InlineData(""" "tool_choice":{"type":"allowed_tools"} """, "tool_choice.type", "invalid_value")]
    [InlineData(""" "tool_choice":true """, "tool_choice", "invalid_type")]
    [InlineData(""" "parallel_tool_calls":"no" """, "parallel_tool_calls", "invalid_type")]
    [InlineData(""" "response_format":{"type":"xml"} """, "response_format.type", "invalid_value")]
    [InlineData(""" "response_format":{"type":"json_schema"} """, "response_format.json_schema", "missing_required_parameter")]
    [InlineData(""" "response_format":{"type":"json_schema","json_schema":{"name":"a b"}} """, "response_format.json_schema.name", "invalid_value")]
    [InlineData(""" "response_format":{"type":"json_schema","json_schema":{"schema":{}}} """, "response_format.json_schema.name", "missing_required_parameter")]
    [InlineData(""" "response_format":{"type":"json_schema","json_schema":{"name":"n","schema":"s"}} """, "response_format.json_schema.schema", "invalid_type")]
    public void Parse_InvalidField_NamesTheParameter(string fields, string param, string code)
    {
        var error = Reject("""{"model":"m","messages":[""" + User + "]," + fields + "}");

        Assert.Equal((param, code), (error.Param, error.Code));
        Assert.Contains(param, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"role":"function","name":"f","content":"x"}""", "messages[1].role", "invalid_value")]
    [InlineData("""{"role":"robot","content":"x"}""", "messages[1].role", "invalid_value")]
    [InlineData("""{"content":"x"}""", "messages[1].role", "missing_required_parameter")]
    [InlineData("""{"role":1,"content":"x"}""", "messages[1].role", "invalid_type")]
    [InlineData("\"hi\"", "messages[1]", "invalid_type")]
    [InlineData("""{"role":"user"}""", "messages[1].content", "missing_required_parameter")]
    [InlineData("""{"role":"user","content":[]}""", "messages[1].content", "invalid_value")]
    [InlineData("""{"role":"user","content":42}""", "messages[1].content", "invalid_type")]
    [InlineData("""{"role":"user","content":[{"type":"text","text":"a"},{"type":"input_audio","input_audio":{"data":"AA==","format":"wav"}}]}""", "messages[1].content[1].type", "invalid_value")]
    [InlineData("""{"role":"user","content":[{"type":"video"}]}""", "messages[1].content[0].type", "invalid_value")]
    [InlineData("""{"role":"user","content":[{"text":"a"}]}""", "messages[1].content[0].type", "missing_required_parameter")]
    [InlineData("""{"role":"user","content":[{"type":"text"}]}""", "messages[1].content[0].text", "missing_required_parameter")]
    [InlineData("""{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}""", "messages[1].content[0].image_url.url", "invalid_value")]
    [InlineData("""{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png,abc"}}]}""", "messages[1].content[0].image_url.url", "invalid_value")]
    [InlineData("""{"role":"user","content":[{"type":"image_url","image_url":{}}]}""", "messages[1].content[0].image_url.url", "missing_required_parameter")]
    [InlineData("""{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://x/y.png","detail":"ultra"}}]}""", "messages[1].content[0].image_url.detail", "invalid_value")]
    [InlineData("""{"role":"user","content":[{"type":"file","file":{"file_id":"file-abc"}}]}""", "messages[1].content[0].file.file_id", "invalid_value")]
    [InlineData("""{"role":"user","content":[{"type":"file","file":{"file_data":"not a data url"}}]}""", "messages[1].content[0].file.file_data", "invalid_value")]
    [InlineData("""{"role":"system","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}""", "messages[1].content[1].type", "invalid_value")]
    [InlineData("""{"role":"assistant"}""", "messages[1].content", "missing_required_parameter")]
    [InlineData("""{"role":"assistant","content":null,"tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}""", "messages[1].tool_calls[0].id", "missing_required_parameter")]
    [InlineData("""{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":{}}}]}""", "messages[1].tool_calls[0].function.arguments", "invalid_type")]
    [InlineData("""{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f"}}]}""", "messages[1].tool_calls[0].function.arguments", "missing_required_parameter")]
    [InlineData("""{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"custom","function":{"name":"f","arguments":"{}"}}]}""", "messages[1].tool_calls[0].type", "invalid_value")]
    [InlineData("""{"role":"tool","content":"42"}""", "messages[1].tool_call_id", "missing_required_parameter")]
    [InlineData("""{"role":"tool","tool_call_id":"c"}""", "messages[1].content", "missing_required_parameter")]
    [InlineData("""{"role":"tool","tool_call_id":"c","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}""", "messages[1].content[0].type", "invalid_value")]
    public void Parse_InvalidMessage_NamesTheParameter(string message, string param, string code)
    {
        var error = Reject("""{"model":"m","messages":[""" + User + "," + message + "]}");

        Assert.Equal((param, code), (error.Param, error.Code));
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"m"}""", "messages", "missing_required_parameter")]
    [InlineData("""{"model":"m","messages":[]}""", "messages", "invalid_value")]
    [InlineData("""{"model":"m","messages":{}}""", "messages", "invalid_type")]
    public void Parse_MissingRequiredField_NamesIt(string body, string param, string code)
    {
        var error = Reject(body);

        Assert.Equal((param, code), (error.Param, error.Code));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}]} x""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}],}""")]
    public void Parse_InvalidJson_ReturnsInvalidJson(string body)
    {
        var error = Reject(body);

        Assert.Equal((GatewayErrorKind.InvalidRequest, 400, "invalid_json", null), (error.Kind, error.Status, error.Code, error.Param));
    }

    [Fact]
    public void Parse_InvalidUtf8InString_ReturnsInvalidJson()
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"user","content":"XX"}]}""");
        var at = Array.IndexOf(body, (byte)'X');
        (body[at], body[at + 1]) = (0xC3, 0x28);

        var request = new OpenAIDialect(TimeProvider.System).Parse(body, out var error);

        Assert.Null(request);
        Assert.Equal("invalid_json", error!.Code);
    }

    [Fact]
    public void Parse_OutOfRange_UsesOpenAIWording()
    {
        var error = Reject("""{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":3}""");

        Assert.Equal("Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.", error.Message);
        Assert.Equal(400, error.Status);
        Assert.Equal(GatewayErrorKind.InvalidRequest, error.Kind);
    }

    [Fact]
    public void Parse_WrongType_UsesOpenAIWording()
    {
        var error = Reject("""{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"tool","content":"x"}]}""");

        Assert.Equal("Missing required parameter: 'messages[1].tool_call_id'.", error.Message);
        Assert.Equal(
            "Invalid type for 'temperature': expected a decimal, but got a string instead.",
            Reject("""{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":"1"}""").Message);
    }

    private static GatewayError Reject(string body) => OpenAIDialectHarness.Reject(body);
}
