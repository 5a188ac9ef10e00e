using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Fuzzing.Providers;

/// <summary>
/// A provider on 127.0.0.1 that answers every request with <see cref="Next"/>: any status, content type and body,
/// written in the given pieces with a flush after each, so the gateway reads it as it would a real upstream.
/// </summary>
public sealed class FuzzUpstream : IAsyncLifetime
{
    private ScriptedUpstream? _upstream;

    public string BaseUrl => _upstream!.BaseUrl;

    internal Answer Next { get; set; } = new(200, "application/json", [], []);

    public async Task InitializeAsync() => _upstream = await ScriptedUpstream.StartAsync(app => app.Run(async context =>
    {
        var answer = Next;
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        var offset = 0;
        foreach (var size in answer.Chunks)
        {
            await context.Response.Body.WriteAsync(answer.Body.AsMemory(offset, size));
            await context.Response.Body.FlushAsync();
            offset += size;
        }

        await context.Response.Body.WriteAsync(answer.Body.AsMemory(offset));
    }));

    public async Task DisposeAsync()
    {
        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }

    /// <summary>What the upstream sends back.</summary>
    internal sealed record Answer(int Status, string ContentType, byte[] Body, int[] Chunks)
    {
        /// <summary>The body in 1–6 pieces.</summary>
        public static Answer Of(Random random, int status, string contentType, byte[] body)
        {
            var cuts = new SortedSet<int>();
            for (var i = random.Next(0, 6); i > 0 && body.Length > 1; i--)
            {
                cuts.Add(random.Next(1, body.Length));
            }

            var chunks = new List<int>();
            var last = 0;
            foreach (var cut in cuts)
            {
                chunks.Add(cut - last);
                last = cut;
            }

            return new Answer(status, contentType, body, [.. chunks]);
        }

        public override string ToString() =>
            $"HTTP {Status} {ContentType}, pieces {string.Join(",", Chunks)}+rest\nBody ({Body.Length} bytes): {FuzzRun.Render(Body)}";
    }
}
