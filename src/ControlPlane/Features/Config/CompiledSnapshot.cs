namespace Switchyard.ControlPlane.Features.Config;

/// <summary>A snapshot compiled for one revision: its hash and the exact JSON bytes nodes download.</summary>
public sealed record CompiledSnapshot(long Revision, string Hash, DateTimeOffset CreatedAt, ReadOnlyMemory<byte> Json);
