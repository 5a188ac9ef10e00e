using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchyard.ControlPlane.Infrastructure.Database;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC ticks on SQLite, which cannot compare or order DateTimeOffset text.
/// Values read back are UTC.
/// </summary>
public sealed class UtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
