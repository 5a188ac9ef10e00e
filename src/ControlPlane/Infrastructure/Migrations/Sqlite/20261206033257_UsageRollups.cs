using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UsageRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RollupBackfill",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupBackfill", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RollupDirtyDays",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollupDirtyDays", x => new { x.TenantId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "UsageRollupBuckets",
                columns: table => new
                {
                    Granularity = table.Column<byte>(type: "INTEGER", nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeploymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PriceVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Metric = table.Column<byte>(type: "INTEGER", nullable: false),
                    Bucket = table.Column<short>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageRollupBuckets", x => new { x.Granularity, x.Start, x.TenantId, x.TeamId, x.KeyId, x.Model, x.DeploymentId, x.PriceVersion, x.Metric, x.Bucket });
                });

            migrationBuilder.CreateTable(
                name: "UsageRollups",
                columns: table => new
                {
                    Granularity = table.Column<byte>(type: "INTEGER", nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeploymentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PriceVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<long>(type: "INTEGER", nullable: false),
                    Streams = table.Column<long>(type: "INTEGER", nullable: false),
                    InputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CachedInputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CacheWriteTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    ReasoningTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyMsSum = table.Column<double>(type: "REAL", nullable: false),
                    TtftCount = table.Column<long>(type: "INTEGER", nullable: false),
                    TtftMsSum = table.Column<double>(type: "REAL", nullable: false),
                    RateOutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    RateMs = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageRollups", x => new { x.Granularity, x.Start, x.TenantId, x.TeamId, x.KeyId, x.Model, x.DeploymentId, x.PriceVersion });
                });

            migrationBuilder.CreateTable(
                name: "UsageTagRollups",
                columns: table => new
                {
                    Granularity = table.Column<byte>(type: "INTEGER", nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 97, nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PriceVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<long>(type: "INTEGER", nullable: false),
                    InputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CachedInputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CacheWriteTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    ReasoningTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageTagRollups", x => new { x.Granularity, x.Start, x.TenantId, x.Tag, x.TeamId, x.Model, x.PriceVersion });
                });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRollupBuckets_TenantId_Granularity_Start",
                table: "UsageRollupBuckets",
                columns: new[] { "TenantId", "Granularity", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageRollups_TenantId_Granularity_Start",
                table: "UsageRollups",
                columns: new[] { "TenantId", "Granularity", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageTagRollups_TenantId_Granularity_Start",
                table: "UsageTagRollups",
                columns: new[] { "TenantId", "Granularity", "Start" });

            // Records stored before rollups existed: RollupBackfillJob adds them to the rollups (records ingested from now
            // on are added by UsageRollupStep as they are stored).
            migrationBuilder.Sql("INSERT INTO \"RollupBackfill\" (\"Id\") SELECT \"Id\" FROM \"UsageRecords\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RollupBackfill");

            migrationBuilder.DropTable(
                name: "RollupDirtyDays");

            migrationBuilder.DropTable(
                name: "UsageRollupBuckets");

            migrationBuilder.DropTable(
                name: "UsageRollups");

            migrationBuilder.DropTable(
                name: "UsageTagRollups");
        }
    }
}
