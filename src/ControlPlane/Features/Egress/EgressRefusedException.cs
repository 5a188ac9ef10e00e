namespace Switchyard.ControlPlane.Features.Egress;

/// <summary>A connection the egress policy refused (<see cref="EgressConnector"/>); the message says which address and why.</summary>
public sealed class EgressRefusedException(string message) : Switchyard.Shared.Egress.EgressRefusal(message);
