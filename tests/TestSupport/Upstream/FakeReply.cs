using System.Text;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Testing.Upstream;

/// <summary>
/// A scripted answer of a <see cref="FakeUpstream"/>: status, content type and headers, then steps run in order —
/// writes (each flushed, so the gateway reads them as separate arrivals), pauses and a dropped connection. Build it
/// with <see cref="Json"/> or <see cref="Status"/> and the fluent steps; one reply can answer any number of requests.
/// </summary>
public sealed class FakeReply
{
    private readonly int _status;
    private readonly string? _contentType;
    private readonly List<(string Name, string Value)> _headers = [];
    private readonly List<Func<HttpContext, Task>> _steps = [];

    private FakeReply(int status, string? contentType)
    {
        _status = status;
        _contentType = contentType;
    }

    /// <summary>A reply with this status (and content type, when given) and, until steps are added, no body.</summary>
    public static FakeReply Status(int status, string? contentType = null) => new(status, contentType);

    /// <summary>A JSON body (any text, well-formed or not) written in one piece.</summary>
    public static FakeReply Json(string json, int status = StatusCodes.Status200OK) => Status(status, "application/json").Write(json);

    /// <summary>Sets a response header (e.g. retry-after, Location, x-amzn-errortype); a later value for the same name wins.</summary>
    public FakeReply Header(string name, string value)
    {
        _headers.Add((name, value));
        return this;
    }

    /// <summary>Writes UTF-8 text in one write and flushes it.</summary>
    public FakeReply Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Writes bytes in one write and flushes them.</summary>
    public FakeReply Write(byte[] bytes)
    {
        _steps.Add(context => WriteAsync(context, bytes));
        return this;
    }

    /// <summary>Writes <paramref name="body"/> in pieces of the given sizes, used in turn and cyclically, each flushed.</summary>
    public FakeReply WriteInPieces(byte[] body, params int[] sizes)
    {
        if (sizes.Length == 0 || sizes.Any(s => s < 1))
        {
            throw new ArgumentException("Piece sizes must be positive.", nameof(sizes));
        }

        _steps.Add(context => WritePiecesAsync(context, body, Cycle(sizes)));
        return this;
    }

    /// <summary>Writes <paramref name="body"/> in pieces of 1 to <paramref name="maxPiece"/> bytes, each flushed; the sizes are the same for every request.</summary>
    public FakeReply WriteInRandomPieces(byte[] body, int maxPiece, int seed = 7)
    {
        _steps.Add(context => WritePiecesAsync(context, body, RandomSizes(maxPiece, seed)));
        return this;
    }

    /// <summary>
    /// Waits for <paramref name="until"/> before the next step (a gate the test releases, a delay); its token is
    /// cancelled when the gateway aborts the request.
    /// </summary>
    public FakeReply Pause(Func<CancellationToken, Task> until)
    {
        _steps.Add(context => until(context.RequestAborted));
        return this;
    }

    /// <summary>Drops the connection (a reset, not a clean end of the body).</summary>
    public FakeReply Drop()
    {
        _steps.Add(context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        return this;
    }

    internal async Task AnswerAsync(HttpContext context)
    {
        context.Response.StatusCode = _status;
        if (_contentType is not null)
        {
            context.Response.ContentType = _contentType;
        }

        foreach (var (name, value) in _headers)
        {
            context.Response.Headers[name] = value;
        }

        foreach (var step in _steps)
        {
            await step(context);
        }
    }

    private static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> bytes)
    {
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WritePiecesAsync(HttpContext context, byte[] body, IEnumerable<int> sizes)
    {
        using var size = sizes.GetEnumerator();
        for (var offset = 0; offset < body.Length && size.MoveNext();)
        {
            var length = Math.Min(size.Current, body.Length - offset);
            await WriteAsync(context, body.AsMemory(offset, length));
            offset += length;
        }
    }

    private static IEnumerable<int> Cycle(int[] sizes)
    {
        for (var i = 0; ; i++)
        {
            yield return sizes[i % sizes.Length];
        }
    }

    private static IEnumerable<int> RandomSizes(int maxPiece, int seed)
    {
        var random = new Random(seed);
        while (true)
        {
            yield return random.Next(1, maxPiece + 1);
        }
    }
}
