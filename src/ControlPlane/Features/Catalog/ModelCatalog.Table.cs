using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.ControlPlane.Features.Catalog;

/// <summary>The built-in rows. Limits are the providers' published ones; "unsure" features are left on (permissive).</summary>
public static partial class ModelCatalog
{
    private static readonly ModelCatalogEntry[] Table =
    [
        // OpenAI
        new("gpt-3.5-turbo", Chat(16_385, 4_096, vision: false, jsonSchema: false)),
        new("gpt-4", Chat(8_192, 8_192, vision: false, jsonSchema: false)),
        new("gpt-4-32k", Chat(32_768, 32_768, vision: false, jsonSchema: false)),
        new("gpt-4-turbo", Chat(128_000, 4_096, jsonSchema: false)),
        new("gpt-4o", Chat(128_000, 16_384)),
        new("gpt-4o-mini", Chat(128_000, 16_384)),
        new("gpt-4.1", Chat(1_047_576, 32_768)),
        new("gpt-4.5", Chat(128_000, 16_384)),
        new("gpt-5", Chat(400_000, 128_000)),
        new("gpt-5.1", Chat(400_000, 128_000)),
        new("gpt-oss", Chat(131_072, 131_072, vision: false)),
        new("o1", Chat(200_000, 100_000)),
        new("o1-mini", Chat(128_000, 65_536, tools: false, vision: false, jsonSchema: false)),
        new("o1-preview", Chat(128_000, 32_768, tools: false, vision: false, jsonSchema: false)),
        new("o3", Chat(200_000, 100_000)),
        new("o3-mini", Chat(200_000, 100_000, vision: false)),
        new("o4-mini", Chat(200_000, 100_000)),
        new("text-embedding-3-small", Embedding(8_191)),
        new("text-embedding-3-large", Embedding(8_191)),
        new("text-embedding-ada-002", Embedding(8_191)),

        // Anthropic (also Bedrock "anthropic.…" and OpenRouter "anthropic/claude-3.x-…" ids)
        new("claude-3-haiku", Chat(200_000, 4_096)),
        new("claude-3-sonnet", Chat(200_000, 4_096)),
        new("claude-3-opus", Chat(200_000, 4_096)),
        new("claude-3-5-haiku", Chat(200_000, 8_192)),
        new("claude-3-5-sonnet", Chat(200_000, 8_192)),
        new("claude-3-7-sonnet", Chat(200_000, 64_000)),
        new("claude-3.5-haiku", Chat(200_000, 8_192)),
        new("claude-3.5-sonnet", Chat(200_000, 8_192)),
        new("claude-3.7-sonnet", Chat(200_000, 64_000)),
        new("claude-sonnet-4", Chat(200_000, 64_000)),
        new("claude-opus-4", Chat(200_000, 32_000)),
        new("claude-opus-4-5", Chat(200_000, 64_000)),
        new("claude-haiku-4-5", Chat(200_000, 64_000)),

        // Google Gemini
        new("gemini-1.5-flash", Chat(1_048_576, 8_192)),
        new("gemini-1.5-pro", Chat(2_097_152, 8_192)),
        new("gemini-2.0-flash", Chat(1_048_576, 8_192)),
        new("gemini-2.5-flash", Chat(1_048_576, 65_536)),
        new("gemini-2.5-pro", Chat(1_048_576, 65_536)),
        new("gemini-embedding-001", Embedding(2_048)),
        new("text-embedding-004", Embedding(2_048)),

        // AWS Bedrock native families
        new("amazon.nova-micro", Chat(128_000, 10_000, vision: false)),
        new("amazon.nova-lite", Chat(300_000, 10_000)),
        new("amazon.nova-pro", Chat(300_000, 10_000)),
        new("amazon.nova-premier", Chat(1_000_000, 32_000)),
        new("amazon.titan-embed-text-v1", Embedding(8_192)),
        new("amazon.titan-embed-text-v2", Embedding(8_192)),
        new("cohere.embed-english-v3", Embedding(512)),
        new("cohere.embed-multilingual-v3", Embedding(512)),
        new("meta.llama3", Chat(8_192, 2_048, tools: false, vision: false, jsonSchema: false)),
        new("meta.llama3-1", Chat(128_000, 2_048, vision: false)),
        new("meta.llama3-2-1b", Chat(128_000, 2_048, vision: false)),
        new("meta.llama3-2-3b", Chat(128_000, 2_048, vision: false)),
        new("meta.llama3-2-11b", Chat(128_000, 2_048)),
        new("meta.llama3-2-90b", Chat(128_000, 2_048)),
        new("meta.llama3-3", Chat(128_000, 8_192, vision: false)),
        new("deepseek.r1", Chat(128_000, 32_768, vision: false, jsonSchema: false)),

        // Mistral (also Bedrock "mistral.…")
        new("mistral-large", Chat(131_072, null, vision: false)),
        new("mistral-medium", Chat(131_072, null)),
        new("mistral-small", Chat(131_072, null)),
        new("ministral-3b", Chat(131_072, null, vision: false)),
        new("ministral-8b", Chat(131_072, null, vision: false)),
        new("open-mistral-nemo", Chat(131_072, null, vision: false)),
        new("pixtral-12b", Chat(131_072, null)),
        new("pixtral-large", Chat(131_072, null)),
        new("codestral", Chat(256_000, null, vision: false)),
        new("mistral-embed", Embedding(8_192)),
        new("codestral-embed", Embedding(8_192)),

        // Llama on Groq, Together, Fireworks, OpenRouter, Ollama, vLLM
        new("llama3", Chat(8_192, null, tools: false, vision: false, jsonSchema: false)),
        new("llama3.1", Chat(131_072, null, vision: false)),
        new("llama3.2", Chat(131_072, null, vision: false)),
        new("llama3.2-vision", Chat(131_072, null)),
        new("llama3.3", Chat(131_072, null, vision: false)),
        new("llama-3.1", Chat(131_072, null, vision: false)),
        new("llama-3.1-8b-instant", Chat(131_072, 131_072, vision: false)),
        new("llama-3.2", Chat(131_072, null, vision: false)),
        new("llama-3.2-11b-vision", Chat(131_072, null)),
        new("llama-3.2-90b-vision", Chat(131_072, null)),
        new("llama-3.3", Chat(131_072, null, vision: false)),
        new("llama-3.3-70b-versatile", Chat(131_072, 32_768, vision: false)),
        new("meta-llama-3", Chat(8_192, null, tools: false, vision: false, jsonSchema: false)),
        new("meta-llama-3.1", Chat(131_072, null, vision: false)),
        new("llama-v3p1", Chat(131_072, null, vision: false)),
        new("llama-v3p3", Chat(131_072, null, vision: false)),

        // DeepSeek (json_object only, no json_schema; text only)
        new("deepseek-chat", Chat(128_000, 8_192, vision: false, jsonSchema: false)),
        new("deepseek-reasoner", Chat(128_000, 65_536, vision: false, jsonSchema: false)),
        new("deepseek-r1", Chat(128_000, null, vision: false, jsonSchema: false)),
        new("deepseek-v3", Chat(128_000, null, vision: false, jsonSchema: false)),

        // Open embedding models whose ids do not say "embed"
        new("all-minilm", Embedding(null)),
        new("bge-", Embedding(null)),
        new("e5-", Embedding(null)),
        new("gte-", Embedding(null)),
        new("multilingual-e5", Embedding(null)),
    ];

    /// <summary>The catalog rows, ordered by prefix (declared after <see cref="Table"/>: initialisers run in order).</summary>
    public static IReadOnlyList<ModelCatalogEntry> Entries { get; } = [.. Table.OrderBy(e => e.Prefix, StringComparer.Ordinal)];

    private static ModelCapabilities Chat(int? contextWindow, int? maxOutputTokens, bool tools = true, bool vision = true, bool jsonSchema = true) =>
        new(contextWindow, maxOutputTokens, Chat: true, Tools: tools, Vision: vision, JsonSchema: jsonSchema, Embeddings: false);

    private static ModelCapabilities Embedding(int? contextWindow) =>
        new(contextWindow, null, Chat: false, Tools: false, Vision: false, JsonSchema: false, Embeddings: true);
}
