using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RateLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Limits",
                table: "VirtualKeys",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Limits",
                table: "Tenants",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Limits",
                table: "Teams",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Limits",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "Limits",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "Limits",
                table: "Teams");
        }
    }
}
