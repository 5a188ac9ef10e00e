using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchyard.Host.Tests;

/// <summary>What a host logs at Warning and above, as "category: message" lines.</summary>
public sealed class WarningLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(WarningLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log._entries.Enqueue($"{category}: {formatter(state, exception)}");
            }
        }
    }
}
