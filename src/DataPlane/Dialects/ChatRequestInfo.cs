namespace Switchyard.DataPlane.Dialects;

/// <summary>What routing and policy need from a chat body, and the features it uses (<see cref="RequestFeatures"/>).</summary>
public readonly record struct ChatRequestInfo(string Model, bool Stream, bool IncludeUsage, RequestFeatures Features = default);
