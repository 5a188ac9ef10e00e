namespace Switchyard.DataPlane.Dialects;

/// <summary>What routing and policy need from a chat completions body.</summary>
public readonly record struct ChatRequestInfo(string Model, bool Stream, bool IncludeUsage);
