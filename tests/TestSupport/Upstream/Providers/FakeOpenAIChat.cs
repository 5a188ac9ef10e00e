using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>
/// Writes a Chat Completions answer, JSON or SSE (<c>data: {json}\n\n</c>, no event lines, <c>data: [DONE]</c>), with
/// the flavor quirks: Azure's empty first chunk (choices:[], id/model/object "", created 0, prompt_filter_results) and
/// content_filter_results; Groq's usage in x_groq.usage on the finish chunk (no usage chunk); Mistral's usage on the
/// finish chunk whether asked or not (no usage chunk), 9-alphanumeric tool-call ids and content "" on tool turns;
/// Together's finish_reason "eos" on text; Ollama's fp_ollama, content in the first chunk and whole tool calls; vLLM's
/// stop_reason. With stream_options.include_usage every chunk has "usage":null (OpenAI/Azure) and one choices:[] usage
/// chunk follows the finish chunk.
/// </summary>
internal static class FakeOpenAIChat
{
    public static Task CompleteAsync(HttpContext context, string family, string model, FakeAnswer answer)
    {
        var message = new JsonObject { ["role"] = "assistant" };
        if (answer.IsToolCall)
        {
            message["content"] = family == "mistral" ? "" : null;
            var call = ToolCall(family, answer, answer.ToolArguments);
            message["tool_calls"] = new JsonArray(call);
        }
        else
        {
            message["content"] = answer.Text;
        }

        message["refusal"] = null;
        var response = Envelope(family, NewId(family), model, "chat.completion");
        response["choices"] = new JsonArray(Choice(family, "message", message, FinishReason(family, answer), final: true));
        response["usage"] = Usage(answer);
        if (family == "azure")
        {
            response["prompt_filter_results"] = PromptFilters();
        }

        return FakeHttp.WriteJsonAsync(context, 200, response, ("x-request-id", FakeHttp.RandomId("req_", 32)));
    }

    public static async Task StreamAsync(HttpContext context, string family, string model, FakeAnswer answer, bool includeUsage, bool midstream)
    {
        var id = NewId(family);
        var usageNull = includeUsage && family is not ("groq" or "ollama" or "vllm");
        var groqId = FakeHttp.RandomId("req_", 26);
        async Task SendAsync(JsonObject delta, string? finish = null, Action<JsonObject>? decorate = null)
        {
            var chunk = Envelope(family, id, model, "chat.completion.chunk");
            chunk["choices"] = new JsonArray(Choice(family, "delta", delta, finish, final: finish is not null));
            if (usageNull)
            {
                chunk["usage"] = null;
            }

            decorate?.Invoke(chunk);
            await FakeHttp.WriteEventAsync(context, null, chunk.ToJsonString(FakeHttp.JsonOptions));
        }

        await FakeHttp.StartStreamAsync(context, "text/event-stream; charset=utf-8", ("x-request-id", FakeHttp.RandomId("req_", 32)));
        if (family == "azure")
        {
            await FakeHttp.WriteEventAsync(context, null, new JsonObject
            {
                ["choices"] = new JsonArray(), ["created"] = 0, ["id"] = "", ["model"] = "", ["object"] = "",
                ["prompt_filter_results"] = PromptFilters(),
            }.ToJsonString(FakeHttp.JsonOptions));
        }

        var pieces = answer.IsToolCall ? answer.ArgumentFragments : answer.TextDeltas;
        var next = 0;
        Action<JsonObject>? groqFirst = family == "groq" ? c => c["x_groq"] = new JsonObject { ["id"] = groqId } : null;
        if (answer.IsToolCall && family == "ollama")
        {
            next = pieces.Count;
            await SendAsync(new JsonObject { ["role"] = "assistant", ["content"] = "", ["tool_calls"] = new JsonArray(ToolCall(family, answer, answer.ToolArguments, 0)) });
        }
        else if (answer.IsToolCall)
        {
            var call = ToolCall(family, answer, "", 0);
            await SendAsync(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(call), ["refusal"] = null }, decorate: groqFirst);
        }
        else if (family == "ollama")
        {
            next = 1;
            await SendAsync(new JsonObject { ["role"] = "assistant", ["content"] = pieces[0] });
        }
        else
        {
            await SendAsync(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, decorate: groqFirst);
        }

        for (; next < pieces.Count; next++)
        {
            if (midstream && next == 2)
            {
                await FakeHttp.WriteEventAsync(context, null, """{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""");
                return;
            }

            await SendAsync(answer.IsToolCall
                ? new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = pieces[next] } }) }
                : new JsonObject { ["content"] = pieces[next] });
        }

        // Mistral takes no stream_options and always puts usage on its finish chunk.
        Action<JsonObject>? mistralUsage = family == "mistral" ? c => c["usage"] = Usage(answer) : null;
        await SendAsync(new JsonObject(), FinishReason(family, answer), family != "groq" ? mistralUsage : c => c["x_groq"] = new JsonObject
        {
            ["id"] = groqId,
            ["usage"] = new JsonObject
            {
                ["queue_time"] = 0.01, ["prompt_tokens"] = FakeAnswer.InputTokens, ["prompt_time"] = 0.001,
                ["completion_tokens"] = answer.OutputTokens, ["completion_time"] = 0.01, ["total_tokens"] = answer.TotalTokens, ["total_time"] = 0.011,
            },
        });
        if (includeUsage && family is not ("groq" or "mistral"))
        {
            var usageChunk = Envelope(family, id, model, "chat.completion.chunk");
            usageChunk["choices"] = new JsonArray();
            usageChunk["usage"] = Usage(answer);
            await FakeHttp.WriteEventAsync(context, null, usageChunk.ToJsonString(FakeHttp.JsonOptions));
        }

        await FakeHttp.WriteEventAsync(context, null, "[DONE]");
    }

    private static JsonObject Envelope(string family, string id, string model, string type)
    {
        var envelope = new JsonObject { ["id"] = id, ["object"] = type, ["created"] = FakeHttp.Now, ["model"] = model };
        if (family is not ("vllm" or "mistral" or "together"))
        {
            envelope["system_fingerprint"] = family == "ollama" ? "fp_ollama" : "fp_fake0001";
        }

        return envelope;
    }

    private static JsonObject Choice(string family, string key, JsonObject content, string? finish, bool final)
    {
        var choice = new JsonObject { ["index"] = 0, [key] = content };
        if (family != "ollama")
        {
            choice["logprobs"] = null;
        }

        choice["finish_reason"] = finish;
        if (family == "vllm" && final)
        {
            choice["stop_reason"] = null;
        }

        if (family == "azure")
        {
            choice["content_filter_results"] = final ? Filters() : new JsonObject();
        }

        return choice;
    }

    private static JsonObject ToolCall(string family, FakeAnswer answer, string arguments, int? index = null)
    {
        var call = new JsonObject();
        if (index is not null)
        {
            call["index"] = index;
        }

        call["id"] = family == "mistral" ? FakeHttp.RandomId("", 9) : FakeHttp.RandomId("call_", 24);
        call["type"] = "function";
        call["function"] = new JsonObject { ["name"] = answer.ToolName, ["arguments"] = arguments };
        if (family == "mistral" && index is null)
        {
            call["index"] = 0;
        }

        return call;
    }

    private static string FinishReason(string family, FakeAnswer answer) =>
        answer.IsToolCall ? "tool_calls" : family == "together" ? "eos" : "stop";

    private static string NewId(string family) => family switch
    {
        "ollama" => "chatcmpl-" + Random.Shared.Next(0, 999),
        "groq" => "chatcmpl-" + Guid.NewGuid(),
        "mistral" => Guid.NewGuid().ToString("N"),
        _ => FakeHttp.RandomId("chatcmpl-", 29),
    };

    private static JsonObject Usage(FakeAnswer answer) => new()
    {
        ["prompt_tokens"] = FakeAnswer.InputTokens,
        ["completion_tokens"] = answer.OutputTokens,
        ["total_tokens"] = answer.TotalTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
    };

    private static JsonObject Filters() => new()
    {
        ["hate"] = Safe(), ["self_harm"] = Safe(), ["sexual"] = Safe(), ["violence"] = Safe(),
    };

    private static JsonObject Safe() => new() { ["filtered"] = false, ["severity"] = "safe" };

    private static JsonArray PromptFilters()
    {
        var filters = Filters();
        filters["jailbreak"] = new JsonObject { ["detected"] = false, ["filtered"] = false };
        return [new JsonObject { ["content_filter_results"] = filters, ["prompt_index"] = 0 }];
    }
}
