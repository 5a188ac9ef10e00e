using Switchyard.ControlPlane;
using Switchyard.ServiceDefaults;
using Switchyard.ServiceDefaults.Hosting;
using Switchyard.ServiceDefaults.Messaging;

var builder = SwitchyardHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddControlPlane();
builder.AddSwitchyardMessaging();

var app = builder.Build();
app.MapControlPlane();
app.Run();
