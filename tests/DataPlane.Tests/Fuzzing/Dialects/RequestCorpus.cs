using System.Text;

namespace Switchyard.DataPlane.Tests.Fuzzing.Dialects;

/// <summary>Seed requests of both dialects: the recorded fixtures plus bodies that reach the parts the fixtures do not.</summary>
internal static class RequestCorpus
{
    public static List<byte[]> OpenAIChat() =>
    [
        .. FuzzInput.Fixtures(
            "openai-chat-request-basic.json", "openai-chat-request-json-schema.json", "openai-chat-request-stream-usage.json",
            "openai-chat-request-tool-result.json", "openai-chat-request-tools-image.json"),
        Utf8("""
            {"model":"gpt-mock","stream":true,"stream_options":{"include_usage":true},"n":2,"seed":-5,"stop":["a","b"],
             "messages":[{"role":"developer","content":[{"type":"text","text":"be brief"}]},
              {"role":"user","name":"bob","content":[{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},
               {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0=","filename":"a.pdf"}},
               {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]},
              {"role":"assistant","content":null,"refusal":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":[{"type":"text","text":"42"}]}],
             "tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object"},"strict":true}}],
             "tool_choice":{"type":"function","function":{"name":"f"}},"parallel_tool_calls":false,
             "response_format":{"type":"json_object"},"max_completion_tokens":50,"reasoning_effort":"low","user":"u",
             "frequency_penalty":0.5,"presence_penalty":-0.5,"temperature":1,"top_p":0.9,"logit_bias":{"50256":-100}}
            """),
        Utf8("""{"model":"gpt-mock","messages":[{"role":"user","content":"hi"}],"tool_choice":"required","stop":"x","max_tokens":5,"functions":[{"name":"g"}],"function_call":"auto"}"""),
    ];

    public static List<byte[]> Anthropic() =>
    [
        .. FuzzInput.Fixtures("anthropic-messages-request.json", "anthropic-messages-request-tool-result.json"),
        Utf8("""
            {"model":"gpt-mock","max_tokens":100,"stream":true,"system":[{"type":"text","text":"sys"}],
             "thinking":{"type":"enabled","budget_tokens":1024},"top_k":5,"top_p":0.5,"metadata":{"user_id":"u-1"},
             "tool_choice":{"type":"tool","name":"f","disable_parallel_tool_use":true},
             "tools":[{"name":"f","description":"d","input_schema":{"type":"object","properties":{}}}],
             "messages":[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},
               {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}},{"type":"text","text":"hi"}]},
              {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"redacted_thinking","data":"x"},
               {"type":"tool_use","id":"toolu_1","name":"f","input":{}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","is_error":true,"content":[{"type":"text","text":"no"}]}]}]}
            """),
        Utf8("""{"model":"gpt-mock","max_tokens":1,"messages":[{"role":"user","content":"hi"}],"tool_choice":{"type":"any"},"stop_sequences":[],"temperature":0}"""),
    ];

    public static List<byte[]> Embeddings() =>
    [
        .. FuzzInput.Fixtures("openai-embeddings-request.json"),
        Utf8("""{"model":"gpt-mock","input":"hello","encoding_format":"base64","dimensions":3,"user":"u"}"""),
        Utf8("""{"model":"gpt-mock","input":["a"],"encoding_format":null,"dimensions":null}"""),
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
