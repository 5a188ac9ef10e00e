using Switchyard.ControlPlane;
using Switchyard.ServiceDefaults.Hosting;
using Switchyard.ServiceDefaults.Messaging;

var builder = SwitchyardHost.CreateBuilder(args);
builder.AddControlPlane();
builder.AddSwitchyardMessaging();

var app = builder.Build();
app.MapControlPlane();
app.Run();
