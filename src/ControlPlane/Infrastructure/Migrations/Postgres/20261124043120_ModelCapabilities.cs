using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ModelCapabilities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Capabilities",
                table: "RouteDeployments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DropUnsupportedParams",
                table: "ModelRoutes",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Capabilities",
                table: "RouteDeployments");

            migrationBuilder.DropColumn(
                name: "DropUnsupportedParams",
                table: "ModelRoutes");
        }
    }
}
