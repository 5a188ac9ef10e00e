namespace Switchyard.DataPlane.Tests.Fuzzing;

/// <summary>A fuzz case broke a property; the message names the seed to replay and the input.</summary>
public sealed class FuzzFailureException(string message, Exception? inner) : Exception(message, inner);
