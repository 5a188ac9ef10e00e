using System.Text;
using Switchyard.DataPlane.Streaming;

namespace Switchyard.DataPlane.Tests.Fuzzing.Streaming;

/// <summary>
/// Mutated SSE streams of every provider, read by <see cref="SseReader"/> in arbitrary chunks: the events never depend
/// on where the chunks break, they match a line-by-line reference reading of the same rules (LF, CRLF or CR line
/// ends; data lines joined by LF; comments and other fields skipped; an unterminated last line dropped; a last event
/// without its blank line kept), and nothing but the caller's cancellation escapes.
/// </summary>
public class SseReaderFuzzTests
{
    private static readonly SseMutator Mutator = new(
        "openai-chat-stream.sse", "openai-chat-stream-tools.sse", "openai-chat-stream-parallel-tools.sse", "azure-openai-chat-stream.sse",
        "groq-chat-stream.sse", "ollama-chat-stream.sse", "vllm-chat-stream.sse", "anthropic-messages-stream.sse",
        "anthropic-messages-stream-tools.sse", "anthropic-messages-stream-error.sse", "gemini-stream.sse", "gemini-stream-function-call.sse");

    [Fact]
    public Task ReadAsync_MutatedStreamsInArbitraryChunks_ReadsTheSameEventsAsTheReference() =>
        FuzzRun.RunAsync("sse.reader", 2500, Generate, CheckAsync, c => c.ToString());

    internal static async Task<List<string>> ReadAllAsync(byte[] data, IReadOnlyList<int> chunks)
    {
        var events = new List<string>();
        await using var reader = new SseReader(new ChunkedStream(data, chunks));
        while (await reader.ReadAsync(CancellationToken.None) is { } sse)
        {
            events.Add(Show(sse.Event, sse.Data.Span));
        }

        return events;
    }

    /// <summary>The reading the reader documents, one line at a time over the whole input.</summary>
    internal static List<string> Reference(byte[] input)
    {
        var events = new List<string>();
        string? name = null;
        var data = new List<byte>();
        var hasData = false;
        var position = 0;
        while (true)
        {
            var end = input.AsSpan(position).IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                break; // An unterminated last line is not a line.
            }

            var line = input.AsSpan(position, end);
            position += end + (input[position + end] == (byte)'\r' && position + end + 1 < input.Length && input[position + end + 1] == (byte)'\n' ? 2 : 1);
            if (line.IsEmpty)
            {
                if (hasData || name is not null)
                {
                    events.Add(Show(name, [.. data]));
                }

                (name, hasData) = (null, false);
                data.Clear();
                continue;
            }

            if (line[0] == (byte)':')
            {
                continue;
            }

            var colon = line.IndexOf((byte)':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? [] : line[(colon + 1)..];
            if (value.StartsWith(" "u8))
            {
                value = value[1..];
            }

            if (field.SequenceEqual("data"u8))
            {
                if (hasData)
                {
                    data.Add((byte)'\n');
                }

                data.AddRange(value);
                hasData = true;
            }
            else if (field.SequenceEqual("event"u8))
            {
                name = Encoding.UTF8.GetString(value);
            }
        }

        if (hasData || name is not null)
        {
            events.Add(Show(name, [.. data]));
        }

        return events;
    }

    private static SseCase Generate(Random random)
    {
        var (bytes, recipe) = Mutator.Next(random);
        return new SseCase(bytes, ChunkedStream.Plan(random, bytes.Length), recipe);
    }

    private static async Task CheckAsync(SseCase c)
    {
        var expected = Reference(c.Bytes);
        Assert.Equal(expected, await ReadAllAsync(c.Bytes, [c.Bytes.Length]));
        Assert.Equal(expected, await ReadAllAsync(c.Bytes, c.Chunks));
    }

    private static string Show(string? name, ReadOnlySpan<byte> data) => $"{name ?? "(none)"} | {FuzzRun.Render(data, int.MaxValue)}";

    private sealed record SseCase(byte[] Bytes, int[] Chunks, string Recipe)
    {
        public override string ToString() => $"{Recipe}\nChunks: {string.Join(",", Chunks)}\nInput ({Bytes.Length} bytes): {FuzzRun.Render(Bytes)}";
    }
}
