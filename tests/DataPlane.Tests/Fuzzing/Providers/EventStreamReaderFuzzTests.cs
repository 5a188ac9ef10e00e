using System.Globalization;
using System.IO.Pipelines;
using Switchyard.DataPlane.Providers.Bedrock;

namespace Switchyard.DataPlane.Tests.Fuzzing.Providers;

/// <summary>
/// Mutated Bedrock event streams through <see cref="EventStreamReader"/> in arbitrary chunks: it returns the same frames
/// however the bytes are split, and fails only in its documented ways (<see cref="InvalidDataException"/> for a bad CRC,
/// length or header, <see cref="EndOfStreamException"/> for a stream cut inside a frame), which the provider maps to 502.
/// </summary>
public class EventStreamReaderFuzzTests
{
    private static readonly EventStreamMutator Mutator = new();

    [Fact]
    public Task ReadAsync_MutatedFramesInArbitraryChunks_ReadsTheSameFramesOrFailsAsDocumented() =>
        FuzzRun.RunAsync("bedrock.eventstream", 3000, Generate, CheckAsync, c => c.ToString());

    private static FrameCase Generate(Random random)
    {
        var (bytes, recipe) = Mutator.Next(random);
        return new FrameCase(bytes, ChunkedStream.Plan(random, bytes.Length), recipe);
    }

    private static async Task CheckAsync(FrameCase c)
    {
        var whole = await ReadAllAsync(c.Bytes, [c.Bytes.Length]);
        var chunked = await ReadAllAsync(c.Bytes, c.Chunks);
        Assert.Equal(whole, chunked);
    }

    /// <summary>Every frame read, then "end" or the documented exception's type.</summary>
    private static async Task<List<string>> ReadAllAsync(byte[] bytes, int[] chunks)
    {
        var frames = new List<string>();
        var pipe = PipeReader.Create(new ChunkedStream(bytes, chunks), new StreamPipeReaderOptions(bufferSize: 512, minimumReadSize: 64));
        using var reader = new EventStreamReader(pipe);
        try
        {
            while (await reader.ReadAsync(CancellationToken.None) is { } message)
            {
                frames.Add(string.Join(", ", message.Headers.Select(h => $"{h.Key}={Show(h.Value)}")) + " | " + FuzzRun.Render(message.Payload.Span, int.MaxValue));
            }

            frames.Add("end");
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            frames.Add(ex.GetType().Name);
        }
        finally
        {
            await pipe.CompleteAsync();
        }

        return frames;
    }

    private static string Show(object value) => value switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        DateTimeOffset time => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed record FrameCase(byte[] Bytes, int[] Chunks, string Recipe)
    {
        public override string ToString() => $"{Recipe}\nChunks: {string.Join(",", Chunks)}\nInput ({Bytes.Length} bytes): {Convert.ToHexString(Bytes.AsSpan(0, Math.Min(Bytes.Length, 4096)))}";
    }
}
