using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Fuzzing.Providers;

/// <summary>
/// What the fuzzed provider answers: any status, content type and body, written in the given pieces with a flush after
/// each (then the rest), so the gateway reads it as it would a real upstream.
/// </summary>
internal sealed record UpstreamAnswer(int Status, string ContentType, byte[] Body, int[] Chunks)
{
    /// <summary>The body in 1–6 pieces.</summary>
    public static UpstreamAnswer Of(Random random, int status, string contentType, byte[] body)
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

        return new UpstreamAnswer(status, contentType, body, [.. chunks]);
    }

    /// <summary>The answer as a <see cref="FakeUpstream"/> reply.</summary>
    public FakeReply ToReply()
    {
        var reply = FakeReply.Status(Status, ContentType);
        var offset = 0;
        foreach (var size in Chunks)
        {
            reply.Write(Body[offset..(offset + size)]);
            offset += size;
        }

        return reply.Write(Body[offset..]);
    }

    public override string ToString() =>
        $"HTTP {Status} {ContentType}, pieces {string.Join(",", Chunks)}+rest\nBody ({Body.Length} bytes): {FuzzRun.Render(Body)}";
}
