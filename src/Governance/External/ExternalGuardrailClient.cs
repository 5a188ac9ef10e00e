using Switchyard.Shared.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using Switchyard.Governance.Policies;
using Switchyard.Shared.Egress;
using Switchyard.Shared.Governance;

namespace Switchyard.Governance.External;

/// <summary>
/// Calls the external guardrails (<c>http</c>, <c>moderation</c>) through the invoker its owner gives (on a node, the
/// upstream connections, so every call goes only where the egress policy allows), within the rule's timeout. Any failure — timeout, refused connection or
/// egress, a non-2xx status, an answer it cannot read — is a <see cref="ExternalVerdict.Failed"/> verdict; the caller
/// applies the rule's fail mode. An egress refusal says so (<see cref="EgressRefused"/>; the host and address are in the
/// connect callback's own log, not in the reason, which callers may see). The texts are sent; they are never logged.
/// </summary>
/// <param name="invoker">The invoker for the next call (read per call: a node's pool follows the egress policy).</param>
public sealed class ExternalGuardrailClient(Func<HttpMessageInvoker> invoker)
{
    /// <summary>The most bytes read from a guardrail's answer.</summary>
    public const int MaxAnswerBytes = 1 << 20;

    /// <summary>The failure reason when the egress policy refused the guardrail's address.</summary>
    public const string EgressRefused = "the egress policy refused the guardrail's host";

    /// <summary>Asks one guardrail about the request's (or the answer's) <paramref name="texts"/>.</summary>
    /// <param name="secret">The moderation credential's secret (null for <c>http</c>).</param>
    public async Task<ExternalVerdict> CheckAsync(CompiledGuardrail rule, IReadOnlyList<string> texts, ExternalGuardrailContext context, string? secret, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(rule.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, rule.Url)
            {
                Content = new ByteArrayContent(rule.Type == GuardrailTypes.Moderation ? ModerationBody(rule, texts) : HttpBody(rule, texts, context)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (secret is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            }

            using var response = await invoker().SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return ExternalVerdict.Failed($"HTTP {(int)response.StatusCode}");
            }

            var body = await BoundedBody.ReadWholeAsync(response.Content, MaxAnswerBytes, timeout.Token);
            if (body is null)
            {
                return ExternalVerdict.Failed("answer larger than 1 MiB");
            }

            using var document = JsonDocument.Parse(body);
            return rule.Type == GuardrailTypes.Moderation ? ReadModeration(rule, document.RootElement) : ReadHttp(document.RootElement);
        }
        catch (Exception ex) when (EgressDeniedException.Find(ex) is not null)
        {
            return ExternalVerdict.Failed(EgressRefused);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ExternalVerdict.Failed($"no answer within {rule.Timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or IOException or FormatException)
        {
            return ExternalVerdict.Failed(ex is JsonException or InvalidOperationException or FormatException ? "unreadable answer" : ex.GetType().Name);
        }
    }

    /// <summary>
    /// <c>{"direction":"input"|"output","tenantId":…,"teamId":…,"keyId":…,"model":…,"endpoint":…,"policy":…,"rule":…,"texts":[…]}</c>
    /// (a dry run sends <c>"dryRun":true</c> and null team, key and model).
    /// </summary>
    private static byte[] HttpBody(CompiledGuardrail rule, IReadOnlyList<string> texts, ExternalGuardrailContext context)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("direction", context.Output ? GuardrailTypes.Output : GuardrailTypes.Input);
            json.WriteString("tenantId", context.TenantId);
            WriteId(json, "teamId", context.TeamId);
            WriteId(json, "keyId", context.KeyId);
            json.WriteString("model", context.Model);
            json.WriteString("endpoint", context.Endpoint);
            if (context.DryRun)
            {
                json.WriteBoolean("dryRun", true);
            }

            json.WriteString("policy", rule.Policy);
            json.WriteString("rule", rule.Name);
            WriteTexts(json, "texts", texts);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>OpenAI's moderation request: <c>{"input":[…],"model":…}</c>.</summary>
    private static byte[] ModerationBody(CompiledGuardrail rule, IReadOnlyList<string> texts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            WriteTexts(json, "input", texts);
            if (rule.Model is { } model)
            {
                json.WriteString("model", model);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteId(Utf8JsonWriter json, string name, Guid? id)
    {
        if (id is { } value)
        {
            json.WriteString(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteTexts(Utf8JsonWriter json, string name, IReadOnlyList<string> texts)
    {
        json.WriteStartArray(name);
        foreach (var text in texts)
        {
            json.WriteStringValue(text);
        }

        json.WriteEndArray();
    }

    /// <summary><c>{"action":"allow"}</c>, <c>{"action":"block"}</c> or <c>{"action":"redact","redactions":[{"text":…,"replacement":…}]}</c>.</summary>
    private static ExternalVerdict ReadHttp(JsonElement answer)
    {
        var action = answer.GetProperty("action").GetString();
        switch (action)
        {
            case "allow":
                return ExternalVerdict.Allow;
            case "block":
                return ExternalVerdict.Block(null);
            case "redact":
                var redactions = new List<(string Text, string Replacement)>();
                foreach (var item in answer.GetProperty("redactions").EnumerateArray())
                {
                    var text = item.GetProperty("text").GetString();
                    if (!string.IsNullOrEmpty(text))
                    {
                        redactions.Add((text, item.TryGetProperty("replacement", out var r) && r.GetString() is { } replacement ? replacement : PolicySet.RedactedTerm));
                    }
                }

                return redactions.Count == 0 ? ExternalVerdict.Allow : ExternalVerdict.Redact(redactions);
            default:
                throw new FormatException("unknown action");
        }
    }

    /// <summary>Blocks when a result is flagged, or (with a threshold) when a category's score reaches it; names the category.</summary>
    private static ExternalVerdict ReadModeration(CompiledGuardrail rule, JsonElement answer)
    {
        foreach (var result in answer.GetProperty("results").EnumerateArray())
        {
            if (rule.Threshold > 0 && result.TryGetProperty("category_scores", out var scores))
            {
                foreach (var score in scores.EnumerateObject())
                {
                    if (score.Value.ValueKind == JsonValueKind.Number && score.Value.GetDouble() >= rule.Threshold)
                    {
                        return ExternalVerdict.Block($"category '{score.Name}' scored {score.Value.GetDouble():0.00}");
                    }
                }
            }
            else if (result.GetProperty("flagged").GetBoolean())
            {
                var category = result.TryGetProperty("categories", out var categories)
                    ? categories.EnumerateObject().FirstOrDefault(c => c.Value.ValueKind == JsonValueKind.True).Name
                    : null;
                return ExternalVerdict.Block(category is null ? "flagged" : $"category '{category}' flagged");
            }
        }

        return ExternalVerdict.Allow;
    }
}
