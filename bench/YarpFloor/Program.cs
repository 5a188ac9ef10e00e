using System.Net;
using Yarp.ReverseProxy.Forwarder;

// POST /kestrel/...  the body read and a fixed 751-byte completion (completion.json) written: Kestrel alone, no upstream
// POST any other path forwarded as it is (path included) to Floor:Upstream with YARP's forwarder over pooled connections
//                    and no transforms, so ../shared/bench's "{v}" path variants (/slow, /stream) reach the mock
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddHttpForwarder();
var app = builder.Build();

var upstream = app.Configuration["Floor:Upstream"] ?? "http://127.0.0.1:18080";
var invoker = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    ActivityHeadersPropagator = null,
    ConnectTimeout = TimeSpan.FromSeconds(10),
});
var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
app.MapPost("/{**path}", async context =>
{
    await forwarder.SendAsync(context, upstream, invoker, ForwarderRequestConfig.Empty, HttpTransformer.Empty);
});

var completion = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "completion.json"));
app.MapPost("/kestrel/{**path}", async context =>
{
    var body = context.Request.BodyReader;
    while (true)
    {
        var read = await body.ReadAsync();
        body.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
        {
            break;
        }
    }

    context.Response.ContentType = "application/json";
    context.Response.ContentLength = completion.Length;
    await context.Response.Body.WriteAsync(completion);
});

app.Run();
