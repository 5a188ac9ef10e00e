namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>A request as the fake upstream received it.</summary>
internal sealed record RecordedRequest(IReadOnlyDictionary<string, string> Headers, string Body);
