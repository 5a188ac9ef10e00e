using System.Text.Json;

namespace Switchyard.ControlPlane.Features.Scim;

/// <summary>
/// Parses SCIM filters (RFC 7644 §3.4.2.2): comparisons (<c>eq</c>, <c>ne</c>, <c>co</c>, <c>sw</c>, <c>ew</c>, <c>gt</c>,
/// <c>ge</c>, <c>lt</c>, <c>le</c>, <c>pr</c>) joined by <c>and</c> and <c>or</c> (<c>and</c> binds tighter) with parentheses,
/// e.g. <c>userName eq "ada@example.com"</c>, <c>(userName sw "ada" or displayName co "Love") and active eq true</c>,
/// <c>id eq "…" and members[value eq "…"]</c>. Which attributes and operators a resource supports is its list's decision;
/// <c>not</c> and malformed filters answer 400 <c>invalidFilter</c>.
/// </summary>
public static class ScimFilter
{
    private static readonly HashSet<string> Operators = new(StringComparer.OrdinalIgnoreCase) { "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr" };

    /// <summary>The filter as a tree; null when there is none.</summary>
    public static ScimFilterNode? Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        var reader = new Reader(filter);
        var node = ReadOr(ref reader);
        reader.SkipSpaces();
        if (!reader.AtEnd)
        {
            throw ScimException.InvalidFilter($"Unexpected '{reader.Rest}' in the filter.");
        }

        return node;
    }

    /// <summary>A filter of <c>eq</c> comparisons joined by <c>and</c> (as groups and patch paths are filtered), as its comparisons.</summary>
    public static IReadOnlyList<ScimFilterCondition> ParseConjunction(string? filter)
    {
        var conditions = new List<ScimFilterCondition>();
        Flatten(Parse(filter));
        return conditions;

        void Flatten(ScimFilterNode? node)
        {
            switch (node)
            {
                case null:
                    return;
                case ScimFilterCondition { Operator: "eq" } condition:
                    conditions.Add(condition);
                    return;
                case ScimFilterLogical { Operator: "and" } and:
                    Flatten(and.Left);
                    Flatten(and.Right);
                    return;
                case ScimFilterCondition condition:
                    throw ScimException.InvalidFilter($"The operator '{condition.Operator}' is not supported here; filter with eq.");
                default:
                    throw ScimException.InvalidFilter("Only comparisons joined with 'and' are supported here.");
            }
        }
    }

    private static ScimFilterNode ReadOr(ref Reader reader)
    {
        var left = ReadAnd(ref reader);
        while (true)
        {
            reader.SkipSpaces();
            if (!reader.NextWordIs("or"))
            {
                return left;
            }

            reader.ReadWord();
            left = new ScimFilterLogical("or", left, ReadAnd(ref reader));
        }
    }

    private static ScimFilterNode ReadAnd(ref Reader reader)
    {
        var left = ReadAtom(ref reader);
        while (true)
        {
            reader.SkipSpaces();
            if (!reader.NextWordIs("and"))
            {
                return left;
            }

            reader.ReadWord();
            left = new ScimFilterLogical("and", left, ReadAtom(ref reader));
        }
    }

    private static ScimFilterNode ReadAtom(ref Reader reader)
    {
        reader.SkipSpaces();
        if (reader.TryRead('('))
        {
            var inner = ReadOr(ref reader);
            reader.SkipSpaces();
            return reader.TryRead(')') ? inner : throw ScimException.InvalidFilter("A '(' in the filter is not closed.");
        }

        if (reader.NextWordIs("not"))
        {
            throw ScimException.InvalidFilter("'not' is not supported in filters.");
        }

        return ReadCondition(ref reader);
    }

    private static ScimFilterCondition ReadCondition(ref Reader reader)
    {
        var path = reader.ReadPath();
        var open = path.IndexOf('[', StringComparison.Ordinal);
        reader.SkipSpaces();
        var op = reader.PeekWord();
        if (open >= 0 && path.EndsWith(']') && !Operators.Contains(op))
        {
            // A value filter on its own, e.g. members[value eq "…"]: the inner comparison on the outer attribute.
            if (Parse(path[(open + 1)..^1]) is not ScimFilterCondition inner)
            {
                throw ScimException.InvalidFilter("A value filter in brackets holds one comparison.");
            }

            return inner with { Attribute = Canonical(path[..open] + "." + inner.Attribute) };
        }

        reader.ReadWord();
        if (!Operators.Contains(op))
        {
            throw ScimException.InvalidFilter(op.Length == 0
                ? $"The filter is incomplete after '{path}'."
                : $"'{op}' is not a filter operator; use eq, ne, co, sw, ew, gt, ge, lt, le or pr.");
        }

        op = op.ToLowerInvariant();
        if (op == "pr")
        {
            return new ScimFilterCondition(Canonical(path), null, op);
        }

        reader.SkipSpaces();
        return new ScimFilterCondition(Canonical(path), reader.ReadValue(), op);
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

        public readonly string Rest => _text[_position..];

        public readonly bool NextWordIs(string word) =>
            _text.AsSpan(_position).StartsWith(word, StringComparison.OrdinalIgnoreCase)
            && (_position + word.Length == _text.Length || char.IsWhiteSpace(_text[_position + word.Length]) || _text[_position + word.Length] == '(');

        public bool TryRead(char c)
        {
            if (AtEnd || _text[_position] != c)
            {
                return false;
            }

            _position++;
            return true;
        }

        public readonly string PeekWord()
        {
            var end = _position;
            while (end < _text.Length && char.IsLetter(_text[end]))
            {
                end++;
            }

            return _text[_position..end];
        }

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
                throw ScimException.InvalidFilter("A value was expected after the operator.");
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
            while (!AtEnd && !char.IsWhiteSpace(_text[_position]) && _text[_position] != ')')
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
