namespace Switchyard.ControlPlane.Features.Sso;

/// <summary>A single sign-on the identity provider accepted but Switchyard refuses; the message is meant for the person.</summary>
public sealed class SsoRefusedException(string message) : Exception(message);
