namespace Switchyard.Shared;

/// <summary>Looks through an exception and its chain of inner exceptions (the HTTP stack and EF Core wrap what they met).</summary>
public static class ExceptionChain
{
    /// <summary>The first exception of type <typeparamref name="T"/> in <paramref name="exception"/>'s chain, or null.</summary>
    public static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}
