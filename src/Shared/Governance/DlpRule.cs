namespace Switchyard.Shared.Governance;

/// <summary>
/// One data-loss-prevention rule of a policy: a built-in <see cref="DlpDetectors"/> name, or <c>custom</c> with a
/// <paramref name="Name"/> and a regular expression <paramref name="Pattern"/> (findings are then named <c>custom:NAME</c>).
/// </summary>
/// <param name="Action">One of <see cref="DlpActions"/>.</param>
public sealed record DlpRule(string Detector, string Action, string? Name = null, string? Pattern = null)
{
    public const string Custom = "custom";
}
