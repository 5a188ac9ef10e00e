namespace Switchyard.ControlPlane.Features.Config;

/// <summary>The snapshot built for one revision, as nodes download it: its hash and the exact JSON bytes.</summary>
public sealed record PublishedSnapshot(long Revision, string Hash, DateTimeOffset CreatedAt, ReadOnlyMemory<byte> Json);
