namespace Switchyard.DataPlane.Chat;

public sealed record TokenCount(int InputTokens);
