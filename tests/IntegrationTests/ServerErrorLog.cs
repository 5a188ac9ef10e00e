using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchyard.IntegrationTests;

/// <summary>
/// Keeps what a test host logs at Error and above, and puts it into the reason phrase of its 5xx answers, so that a test
/// failing on "500 (Internal Server Error)" also says what the server logged (the host logs nowhere else).
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private const int MaxEntries = 20;
    private readonly ConcurrentQueue<string> _entries = new();

    public string Describe() => _entries.IsEmpty ? "nothing logged at Error" : string.Join(" | ", _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public HttpMessageHandler Handler() => new ReasonHandler(this) { InnerHandler = new SocketsHttpHandler() };

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        if (_entries.Count < MaxEntries)
        {
            // A reason phrase takes no line breaks (messages and exceptions carry them).
            _entries.Enqueue(string.Create(entry.Length, entry, (span, text) =>
            {
                for (var i = 0; i < text.Length; i++)
                {
                    span[i] = char.IsControl(text[i]) ? ' ' : text[i];
                }
            }));
        }
    }

    private sealed class Logger(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }
    }

    private sealed class ReasonHandler(ServerErrorLog log) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                response.ReasonPhrase = $"{response.ReasonPhrase}; the server logged: {log.Describe()}";
            }

            return response;
        }
    }
}
