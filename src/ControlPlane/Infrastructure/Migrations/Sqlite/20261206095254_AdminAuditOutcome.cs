using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdminAuditOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "AuditAdminEntries",
                type: "TEXT",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "AuditAdminEntries");
        }
    }
}
