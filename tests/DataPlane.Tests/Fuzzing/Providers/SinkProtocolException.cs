namespace Switchyard.DataPlane.Tests.Fuzzing.Providers;

/// <summary>A translator broke the stream sink's contract (a type no provider code catches, so it reaches the test).</summary>
public sealed class SinkProtocolException(string message) : Exception(message);
