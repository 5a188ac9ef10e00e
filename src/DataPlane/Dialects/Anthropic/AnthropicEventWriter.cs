using System.Text.Json;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>
/// Formats Anthropic SSE events (<c>event: type\ndata: {"type":...}\n\n</c>) into one pooled buffer with one reused
/// <see cref="Utf8JsonWriter"/>; <see cref="FlushAsync"/> sends what has accumulated.
/// </summary>
internal sealed class AnthropicEventWriter : IDisposable
{
    private readonly PooledBufferWriter _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    public AnthropicEventWriter() => _json = new Utf8JsonWriter(_buffer, AnthropicWire.WriterOptions);

    public bool IsEmpty => _buffer.WrittenCount == 0;

    /// <summary>The events accumulated since the last flush.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>Starts <c>event: name</c> and its data object, whose <c>type</c> equals the event name; close with <see cref="End"/>.</summary>
    public Utf8JsonWriter Begin(ReadOnlySpan<byte> name)
    {
        BeginRaw(name).WriteStartObject();
        _json.WriteString("type"u8, name);
        return _json;
    }

    /// <summary>Starts <c>event: name</c>; the caller writes the whole data value, then calls <see cref="End"/>.</summary>
    public Utf8JsonWriter BeginRaw(ReadOnlySpan<byte> name)
    {
        _buffer.Write("event: "u8);
        _buffer.Write(name);
        _buffer.Write("\ndata: "u8);
        _json.Reset(_buffer);
        return _json;
    }

    /// <summary>Closes whatever objects are still open in the data value and ends the event.</summary>
    public void End()
    {
        while (_json.CurrentDepth > 0)
        {
            _json.WriteEndObject();
        }

        _json.Flush();
        _buffer.Write("\n\n"u8);
    }

    /// <summary><c>content_block_start</c> up to the open <c>content_block</c> object.</summary>
    public Utf8JsonWriter BeginBlockStart(int index)
    {
        var w = Begin("content_block_start"u8);
        w.WriteNumber("index", index);
        w.WriteStartObject("content_block");
        return w;
    }

    /// <summary><c>content_block_delta</c> up to the open <c>delta</c> object.</summary>
    public Utf8JsonWriter BeginDelta(int index)
    {
        var w = Begin("content_block_delta"u8);
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        return w;
    }

    public void WriteBlockStop(int index)
    {
        Begin("content_block_stop"u8).WriteNumber("index", index);
        End();
    }

    public async ValueTask FlushAsync(Stream body, CancellationToken cancellationToken)
    {
        await body.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        await body.FlushAsync(cancellationToken);
        _buffer.Clear();
    }

    public void Dispose()
    {
        _json.Dispose();
        _buffer.Dispose();
    }
}
