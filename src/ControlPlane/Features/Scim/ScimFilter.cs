using System.Text.Json;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// Parses the filters identity providers send (RFC 7644 §3.4.2.2, the subset Entra ID and Okta use): <c>eq</c>
/// comparisons joined by <c>and</c>, e.g. <c>userName eq "ada@example.com"</c>,
/// <c>externalId eq "0a1b"</c>, <c>displayName eq "Search"</c>, <c>id eq "…" and members[value eq "…"]</c>.
/// Anything else answers 400 <c>invalidFilter</c>.
/// </summary>
public static class ScimFilter
{
    public static IReadOnlyList<ScimFilterCondition> Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return [];
        }

        var conditions = new List<ScimFilterCondition>();
        var reader = new Reader(filter);
        while (true)
        {
            conditions.Add(ReadCondition(ref reader));
            reader.SkipSpaces();
            if (reader.AtEnd)
            {
                return conditions;
            }

            var word = reader.ReadWord();
            if (!word.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                throw ScimException.InvalidFilter($"'{word}' is not supported in filters; join comparisons with 'and'.");
            }
        }
    }

    private static ScimFilterCondition ReadCondition(ref Reader reader)
    {
        reader.SkipSpaces();
        var path = reader.ReadPath();
        var open = path.IndexOf('[', StringComparison.Ordinal);
        reader.SkipSpaces();
        if (open >= 0 && path.EndsWith(']') && (reader.AtEnd || reader.NextWordIs("and")))
        {
            // A value filter on its own, e.g. members[value eq "…"]: the inner comparison on the outer attribute.
            var inner = Parse(path[(open + 1)..^1]);
            if (inner.Count != 1)
            {
                throw ScimException.InvalidFilter("A value filter in brackets holds one comparison.");
            }

            return new ScimFilterCondition(Canonical(path[..open] + "." + inner[0].Attribute), inner[0].Value);
        }

        var op = reader.ReadWord();
        if (!op.Equals("eq", StringComparison.OrdinalIgnoreCase))
        {
            throw ScimException.InvalidFilter(op.Length == 0
                ? $"The filter is incomplete after '{path}'."
                : $"The operator '{op}' is not supported; filter with eq.");
        }

        reader.SkipSpaces();
        return new ScimFilterCondition(Canonical(path), reader.ReadValue());
    }

    /// <summary>Lower case, without a schema URN, value filters dropped (<c>emails[type eq "work"].value</c> → <c>emails.value</c>).</summary>
    internal static string Canonical(string path)
    {
        if (path.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
        {
            var bracket = path.IndexOf('[', StringComparison.Ordinal);
            var lastColon = path.LastIndexOf(':', bracket < 0 ? path.Length - 1 : bracket);
            path = path[(lastColon + 1)..];
        }

        var open = path.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = path.IndexOf(']', open);
            path = path[..open] + (close >= 0 ? path[(close + 1)..] : "");
        }

        var canonical = path.ToLowerInvariant();
        return canonical is "emails" or "members" ? canonical + ".value" : canonical;
    }

    private ref struct Reader(string text)
    {
        private readonly string _text = text;
        private int _position;

        public readonly bool AtEnd => _position >= _text.Length;

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }
        }

        public readonly bool NextWordIs(string word) =>
            _text.AsSpan(_position).StartsWith(word, StringComparison.OrdinalIgnoreCase)
            && (_position + word.Length == _text.Length || char.IsWhiteSpace(_text[_position + word.Length]));

        public string ReadWord()
        {
            var start = _position;
            while (!AtEnd && char.IsLetter(_text[_position]))
            {
                _position++;
            }

            return _text[start.._position];
        }

        /// <summary>An attribute path: letters, digits and <c>.:_-$</c>, with bracketed value filters read whole.</summary>
        public string ReadPath()
        {
            var start = _position;
            while (!AtEnd)
            {
                var c = _text[_position];
                if (c == '[')
                {
                    var close = ClosingBracket(_position);
                    _position = close + 1;
                }
                else if (char.IsLetterOrDigit(c) || c is '.' or ':' or '_' or '-' or '$')
                {
                    _position++;
                }
                else
                {
                    break;
                }
            }

            if (_position == start)
            {
                throw ScimException.InvalidFilter("An attribute name was expected.");
            }

            return _text[start.._position];
        }

        public string? ReadValue()
        {
            if (AtEnd)
            {
                throw ScimException.InvalidFilter("A value was expected after eq.");
            }

            if (_text[_position] == '"')
            {
                var end = _position + 1;
                while (end < _text.Length && _text[end] != '"')
                {
                    end += _text[end] == '\\' ? 2 : 1;
                }

                if (end >= _text.Length)
                {
                    throw ScimException.InvalidFilter("A quoted value is not closed.");
                }

                var literal = _text[_position..(end + 1)];
                _position = end + 1;
                try
                {
                    return JsonSerializer.Deserialize<string>(literal);
                }
                catch (JsonException)
                {
                    throw ScimException.InvalidFilter("A quoted value is not a valid string.");
                }
            }

            var start = _position;
            while (!AtEnd && !char.IsWhiteSpace(_text[_position]))
            {
                _position++;
            }

            var token = _text[start.._position];
            if (token.Equals("null", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (bool.TryParse(token, out var flag))
            {
                return flag ? "true" : "false";
            }

            if (decimal.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return token;
            }

            throw ScimException.InvalidFilter($"'{token}' is not a value; quote strings.");
        }

        private readonly int ClosingBracket(int open)
        {
            var inQuotes = false;
            for (var i = open + 1; i < _text.Length; i++)
            {
                var c = _text[i];
                if (inQuotes && c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (c == ']' && !inQuotes)
                {
                    return i;
                }
            }

            throw ScimException.InvalidFilter("A '[' in the filter is not closed.");
        }
    }
}
