using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>Normalises every <see cref="DateTimeOffset"/> to UTC before it reaches a PostgreSQL timestamptz column.</summary>
public sealed class UtcNormalizingConverter()
    : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v.ToUniversalTime());
