using Switchyard.Shared.Configuration;

namespace Switchyard.Portal.Components.Shared;

/// <summary>
/// Errors by field, named as the admin API names them in a ProblemDetails (<c>publicModel</c>, <c>deployments[1].baseUrl</c>,
/// <c>retry.maxAttempts</c>), so the portal's own checks and the server's answer show at the same place.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>No errors (a fresh instance, so nothing can add to a shared one).</summary>
    public static FieldErrors None => new();

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>The messages of one field joined into one line, or null.</summary>
    public string? this[string field] => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public static FieldErrors From(IReadOnlyDictionary<string, string[]> problemErrors)
    {
        var errors = new FieldErrors();
        foreach (var (field, messages) in problemErrors)
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        return errors;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>Adds the shared rules' errors with their fields prefixed (<c>deployments[0].</c>).</summary>
    public void Add(string prefix, IEnumerable<ConfigFieldError> errors)
    {
        foreach (var error in errors)
        {
            Add(prefix + error.Field, error.Message);
        }
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>The messages of <paramref name="field"/> and of every field inside it (<c>fallbacks[2]</c>, <c>settings.region</c>).</summary>
    public IEnumerable<string> Under(string field) =>
        _errors.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)
                || e.Key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase)
                || e.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value);
}
