using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Switchyard.Shared.Tests.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on one address (loopback, ::1 or a link-local address with its zone), port 0: answers every
/// request 200 "ok" and keeps the connection open for the next one, counting connections and requests.
/// </summary>
internal sealed class KeepAliveHttpServer : IDisposable
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok");

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;
    private int _requests;

    public KeepAliveHttpServer(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var buffer = new byte[8192];
        var head = new StringBuilder();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                int end;
                while ((end = head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                {
                    // Requests without a body only (GET): the head ends the request.
                    head.Remove(0, end + 4);
                    Interlocked.Increment(ref _requests);
                    await stream.WriteAsync(Answer, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }
}
