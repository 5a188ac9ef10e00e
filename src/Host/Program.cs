using Switchyard.ControlPlane;
using Switchyard.DataPlane;
using Switchyard.Host;
using Switchyard.Portal;
using Switchyard.ServiceDefaults.Messaging;

// All-in-one host: control plane + portal on the portal URL, one data-plane node on the gateway URL,
// SQLite, the in-memory bus and in-memory jobs (see appsettings.json). Every setting can be overridden.
var builder = WebApplication.CreateBuilder(args);
var (portalUrl, gatewayUrl) = EmbeddedDefaults.Apply(builder);

builder.AddControlPlane();
builder.AddDataPlane();
builder.AddPortal();
builder.AddSwitchyardMessaging();

var app = builder.Build();
var portalHost = $"*:{portalUrl.Port}";
app.MapControlPlane().RequireHost(portalHost);
app.MapPortal().RequireHost(portalHost);
app.MapDataPlane().RequireHost($"*:{gatewayUrl.Port}");
app.Run();
