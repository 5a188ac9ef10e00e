using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>
/// Composes OpenAI stream events (<c>data: {json}\n\n</c>) into one pooled buffer with one reused
/// <see cref="Utf8JsonWriter"/>; the owner sends <see cref="Written"/> and calls <see cref="Clear"/>.
/// </summary>
internal sealed class OpenAIChunkWriter : IDisposable
{
    private readonly PooledBufferWriter _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly JsonEncodedText _model;
    private readonly bool _includeUsage;
    private JsonEncodedText _id;
    private long _created;

    public OpenAIChunkWriter(string model, bool includeUsage)
    {
        _model = JsonEncodedText.Encode(model, OpenAIResponseWriter.Options.Encoder);
        _includeUsage = includeUsage;
        _json = new Utf8JsonWriter(_buffer, OpenAIResponseWriter.Options);
    }

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public void SetHeader(string id, long created)
    {
        _id = JsonEncodedText.Encode(id, OpenAIResponseWriter.Options.Encoder);
        _created = created;
    }

    /// <summary>A choice's first chunk: <c>{"role":"assistant","content":""}</c>.</summary>
    public void Role(int choice)
    {
        var w = BeginChunk(choice);
        w.WriteString("role"u8, "assistant"u8);
        w.WriteString("content"u8, ""u8);
        EndChunk(null);
    }

    /// <summary>A delta with one string field (<c>content</c> or <c>reasoning_content</c>).</summary>
    public void Delta(int choice, ReadOnlySpan<byte> field, string text)
    {
        BeginChunk(choice).WriteString(field, text);
        EndChunk(null);
    }

    /// <summary>A tool call opening; as the choice's first chunk it also carries the role.</summary>
    public void ToolCall(int choice, int toolIndex, string id, string name, bool first)
    {
        var w = BeginChunk(choice);
        if (first)
        {
            w.WriteString("role"u8, "assistant"u8);
            w.WriteNull("content"u8);
        }

        w.WriteStartArray("tool_calls"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, toolIndex);
        w.WriteString("id"u8, id);
        w.WriteString("type"u8, "function"u8);
        w.WriteStartObject("function"u8);
        w.WriteString("name"u8, name);
        w.WriteString("arguments"u8, ""u8);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        if (first)
        {
            w.WriteNull("refusal"u8);
        }

        EndChunk(null);
    }

    public void ToolArguments(int choice, int toolIndex, string fragment)
    {
        var w = BeginChunk(choice);
        w.WriteStartArray("tool_calls"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, toolIndex);
        w.WriteStartObject("function"u8);
        w.WriteString("arguments"u8, fragment);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        EndChunk(null);
    }

    /// <summary>The finish chunk: an empty delta with the finish reason.</summary>
    public void Finish(int choice, FinishReason reason)
    {
        BeginChunk(choice);
        EndChunk(OpenAIResponseWriter.FinishReasonText(reason));
    }

    /// <summary>The <c>include_usage</c> chunk: <c>"choices":[]</c> and the usage.</summary>
    public void Usage(TokenUsage usage)
    {
        var w = BeginEvent();
        w.WriteStartObject();
        WriteHeader(w);
        w.WriteStartArray("choices"u8);
        w.WriteEndArray();
        w.WritePropertyName("usage"u8);
        OpenAIResponseWriter.WriteUsage(w, usage);
        w.WriteEndObject();
        EndEvent();
    }

    /// <summary>An error after the stream started: <c>data: {"error":{...}}</c>, which the OpenAI SDKs raise.</summary>
    public void Error(string message, string type, string? param, string? code)
    {
        OpenAIError.WriteObject(BeginEvent(), message, type, param, code);
        EndEvent();
    }

    public void Done() => _buffer.Write("data: [DONE]\n\n"u8);

    public void Clear() => _buffer.Clear();

    public void Dispose() => _buffer.Dispose();

    private Utf8JsonWriter BeginChunk(int choice)
    {
        var w = BeginEvent();
        w.WriteStartObject();
        WriteHeader(w);
        w.WriteStartArray("choices"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, choice);
        w.WriteStartObject("delta"u8);
        return w;
    }

    private void EndChunk(string? finishReason)
    {
        var w = _json;
        w.WriteEndObject();
        w.WriteNull("logprobs"u8);
        if (finishReason is null)
        {
            w.WriteNull("finish_reason"u8);
        }
        else
        {
            w.WriteString("finish_reason"u8, finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        if (_includeUsage)
        {
            w.WriteNull("usage"u8);
        }

        w.WriteEndObject();
        EndEvent();
    }

    private void WriteHeader(Utf8JsonWriter w)
    {
        w.WriteString("id"u8, _id);
        w.WriteString("object"u8, "chat.completion.chunk"u8);
        w.WriteNumber("created"u8, _created);
        w.WriteString("model"u8, _model);
    }

    private Utf8JsonWriter BeginEvent()
    {
        _buffer.Write("data: "u8);
        _json.Reset(_buffer);
        return _json;
    }

    private void EndEvent()
    {
        _json.Flush();
        _buffer.Write("\n\n"u8);
    }
}
