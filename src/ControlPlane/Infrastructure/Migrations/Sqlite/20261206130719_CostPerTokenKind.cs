using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CostPerTokenKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CacheWriteCostMicros",
                table: "UsageTagRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CachedInputCostMicros",
                table: "UsageTagRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InputCostMicros",
                table: "UsageTagRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OutputCostMicros",
                table: "UsageTagRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReasoningCostMicros",
                table: "UsageTagRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CacheWriteCostMicros",
                table: "UsageRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CachedInputCostMicros",
                table: "UsageRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InputCostMicros",
                table: "UsageRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OutputCostMicros",
                table: "UsageRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReasoningCostMicros",
                table: "UsageRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CacheWriteCostMicros",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CachedInputCostMicros",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InputCostMicros",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OutputCostMicros",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReasoningCostMicros",
                table: "UsageRecords",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CacheWriteCostMicros",
                table: "ChargebackStatementLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "CachedInputCostMicros",
                table: "ChargebackStatementLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InputCostMicros",
                table: "ChargebackStatementLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "OutputCostMicros",
                table: "ChargebackStatementLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ReasoningCostMicros",
                table: "ChargebackStatementLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CacheWriteCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "CachedInputCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "InputCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "OutputCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "ReasoningCostMicros",
                table: "UsageTagRollups");

            migrationBuilder.DropColumn(
                name: "CacheWriteCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "CachedInputCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "InputCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "OutputCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "ReasoningCostMicros",
                table: "UsageRollups");

            migrationBuilder.DropColumn(
                name: "CacheWriteCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "CachedInputCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "InputCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "OutputCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "ReasoningCostMicros",
                table: "UsageRecords");

            migrationBuilder.DropColumn(
                name: "CacheWriteCostMicros",
                table: "ChargebackStatementLines");

            migrationBuilder.DropColumn(
                name: "CachedInputCostMicros",
                table: "ChargebackStatementLines");

            migrationBuilder.DropColumn(
                name: "InputCostMicros",
                table: "ChargebackStatementLines");

            migrationBuilder.DropColumn(
                name: "OutputCostMicros",
                table: "ChargebackStatementLines");

            migrationBuilder.DropColumn(
                name: "ReasoningCostMicros",
                table: "ChargebackStatementLines");
        }
    }
}
