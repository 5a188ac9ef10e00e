namespace Switchyard.DataPlane.Limits;

/// <summary>
/// Thrown by <see cref="BudgetCutSink"/> once the caller's stream was ended at its budget, to stop the provider's stream
/// translation; the chat endpoint catches it (the answer is complete).
/// </summary>
public sealed class BudgetCutException() : Exception("The stream was cut at its budget.");
