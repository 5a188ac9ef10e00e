namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>
/// Marks an entity that is part of the config snapshot: saving a change to one bumps the config revision
/// in the same <c>SaveChanges</c> (see <c>ControlPlaneDbContext</c>).
/// </summary>
public interface IConfigEntity;
