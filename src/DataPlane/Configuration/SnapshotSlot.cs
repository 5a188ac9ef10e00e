namespace Switchyard.DataPlane.Configuration;

/// <summary>
/// A per-snapshot cache slot on a runtime object (a route's routing state, a deployment's provider state): filled on first
/// use and kept for the snapshot's lifetime. Racing first uses may each build one; the last written wins, which is harmless
/// because the states are pure functions of the snapshot.
/// </summary>
internal static class SnapshotSlot
{
    public static T GetOrCreate<TOwner, T>(ref object? slot, TOwner owner, Func<TOwner, T> create)
        where T : class
    {
        if (Volatile.Read(ref slot) is T state)
        {
            return state;
        }

        var created = create(owner);
        Volatile.Write(ref slot, created);
        return created;
    }
}
