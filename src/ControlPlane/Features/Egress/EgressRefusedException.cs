namespace Switchyard.ControlPlane.Features.Egress;

/// <summary>The egress policy refused every address of a destination (<see cref="EgressConnector"/>).</summary>
public sealed class EgressRefusedException(string message) : IOException(message);
