namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>A row of usage attributed to a key and its team (a usage record, an hourly or daily rollup), so reads can be scoped to the keys a caller may account for.</summary>
public interface IKeyAttributed
{
    Guid TeamId { get; }

    Guid KeyId { get; }
}
