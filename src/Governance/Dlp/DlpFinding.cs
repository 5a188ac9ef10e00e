namespace Switchyard.Governance.Dlp;

/// <summary>One match of a detector in a text: where it is, never what it is (findings go on usage and audit records).</summary>
/// <param name="Detector">A <see cref="Switchyard.Shared.Governance.DlpDetectors"/> name or a custom rule's name.</param>
public readonly record struct DlpFinding(string Detector, int Index, int Length)
{
    public int End => Index + Length;
}
