using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Fuzzing;

/// <summary>One generated input and how it was made.</summary>
internal sealed record FuzzInput(byte[] Bytes, string Recipe)
{
    public override string ToString() => $"{Recipe}\nInput ({Bytes.Length} bytes): {FuzzRun.Render(Bytes)}";

    /// <summary>Smaller inputs for the shrinker.</summary>
    public IEnumerable<FuzzInput> Shrink() => FuzzRun.ShrinkBytes(Bytes).Select(b => new FuzzInput(b, "shrunk"));

    /// <summary>The named fixtures, as the corpus of a mutator.</summary>
    public static List<byte[]> Fixtures(params string[] names) => [.. names.Select(Fixture.Bytes)];
}
