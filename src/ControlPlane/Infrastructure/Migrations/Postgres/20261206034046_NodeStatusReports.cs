using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NodeStatusReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "InFlight",
                table: "NodeStatuses",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Ready",
                table: "NodeStatuses",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SnapshotConfirmedAt",
                table: "NodeStatuses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SpoolAgeSeconds",
                table: "NodeStatuses",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SpoolSegments",
                table: "NodeStatuses",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StatusReportedAt",
                table: "NodeStatuses",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InFlight",
                table: "NodeStatuses");

            migrationBuilder.DropColumn(
                name: "Ready",
                table: "NodeStatuses");

            migrationBuilder.DropColumn(
                name: "SnapshotConfirmedAt",
                table: "NodeStatuses");

            migrationBuilder.DropColumn(
                name: "SpoolAgeSeconds",
                table: "NodeStatuses");

            migrationBuilder.DropColumn(
                name: "SpoolSegments",
                table: "NodeStatuses");

            migrationBuilder.DropColumn(
                name: "StatusReportedAt",
                table: "NodeStatuses");
        }
    }
}
