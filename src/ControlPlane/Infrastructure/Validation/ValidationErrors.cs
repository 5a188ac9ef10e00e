using Microsoft.AspNetCore.Http.HttpResults;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Infrastructure.Validation;

/// <summary>Collects field errors (camelCase field names as in the JSON body) for a ValidationProblem answer.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    /// <summary>Adds the errors of the shared config rules, their fields prefixed with <paramref name="prefix"/> ("deployments[1].").</summary>
    public ValidationErrors Add(string prefix, IEnumerable<ConfigFieldError> errors)
    {
        foreach (var error in errors)
        {
            Add(prefix + error.Field, error.Message);
        }

        return this;
    }

    /// <summary>Requires a non-blank value no longer than <paramref name="maxLength"/>.</summary>
    /// <summary>An optional ISO 8601 time of a query (UTC when it names no offset); null when absent or, with an error added, unreadable.</summary>
    public DateTimeOffset? OptionalTime(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        Add(field, $"The {field} field must be an ISO 8601 date and time (e.g. 2026-01-31T00:00:00Z).");
        return null;
    }

    public ValidationErrors Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, $"The {field} field is required.");
        }

        return value.Length > maxLength ? Add(field, $"The {field} field must be at most {maxLength} characters.") : this;
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "One or more fields are invalid.");
}
