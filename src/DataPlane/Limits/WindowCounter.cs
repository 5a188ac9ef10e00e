namespace Switchyard.DataPlane.Limits;

/// <summary>A count within one fixed minute (<see cref="Index"/> = Unix milliseconds / 60 000); replaced, never reset, when the minute rolls.</summary>
public sealed class WindowCounter(long index)
{
    public long Index { get; } = index;

    internal long Count;
}
