using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.ControlPlane.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditBillingChargeback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Audit",
                table: "Tenants",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CostCenter",
                table: "Teams",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditAdminEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ObjectType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ObjectId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Changes = table.Column<string>(type: "text", nullable: true),
                    SourceAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAdminEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditChains",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    NodeId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AnchorSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    AnchorHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChains", x => new { x.TenantId, x.Kind, x.NodeId });
                });

            migrationBuilder.CreateTable(
                name: "AuditDataKeys",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WrappedKey = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditDataKeys", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "AuditRequestEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NodeId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeploymentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProviderKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    UpstreamModel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Stream = table.Column<bool>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PromptTokens = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletionTokens = table.Column<int>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    Findings = table.Column<string>(type: "text", nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResponseSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponseBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    BodyKeyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RequestBody = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ResponseBody = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRequestEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BillingAccounts",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StripeCustomerId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    StripeSubscriptionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    SubscriptionStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SubscriptionEventAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BillFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSyncAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSyncError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReconciledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReconciliationDifferences = table.Column<int>(type: "INTEGER", nullable: false),
                    ReconciliationDetail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FailedPayments = table.Column<int>(type: "INTEGER", nullable: false),
                    LastPaymentFailedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingAccounts", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "BillingInvoices",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AmountDue = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountPaid = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PeriodStart = table.Column<long>(type: "INTEGER", nullable: true),
                    PeriodEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    EventAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingInvoices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BillingMeterSends",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HourStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Identifier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingMeterSends", x => new { x.TenantId, x.HourStart, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "ChargebackSettings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SharedCostMicros = table.Column<long>(type: "INTEGER", nullable: false),
                    SharedCostLabel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChargebackSettings", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_ChargebackSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChargebackStatements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChargebackStatements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChargebackStatements_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StripeWebhookEvents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StripeWebhookEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantBillingStates",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false),
                    GraceEndsAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantBillingStates", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "ChargebackStatementLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatementId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PeriodStart = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CostCenter = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PriceVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Requests = table.Column<long>(type: "INTEGER", nullable: false),
                    InputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    OutputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CachedInputTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CacheWriteTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    ReasoningTokens = table.Column<long>(type: "INTEGER", nullable: false),
                    CostMicros = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChargebackStatementLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChargebackStatementLines_ChargebackStatements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "ChargebackStatements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditAdminEntries_TenantId_Sequence",
                table: "AuditAdminEntries",
                columns: new[] { "TenantId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditAdminEntries_TenantId_Timestamp",
                table: "AuditAdminEntries",
                columns: new[] { "TenantId", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRequestEntries_TenantId_NodeId_Sequence",
                table: "AuditRequestEntries",
                columns: new[] { "TenantId", "NodeId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditRequestEntries_TenantId_Timestamp",
                table: "AuditRequestEntries",
                columns: new[] { "TenantId", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_BillingAccounts_StripeCustomerId",
                table: "BillingAccounts",
                column: "StripeCustomerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BillingInvoices_TenantId_EventAt",
                table: "BillingInvoices",
                columns: new[] { "TenantId", "EventAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BillingMeterSends_Identifier",
                table: "BillingMeterSends",
                column: "Identifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BillingMeterSends_State",
                table: "BillingMeterSends",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_ChargebackStatementLines_StatementId",
                table: "ChargebackStatementLines",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_ChargebackStatementLines_TenantId_PeriodStart",
                table: "ChargebackStatementLines",
                columns: new[] { "TenantId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_ChargebackStatements_TenantId_Number",
                table: "ChargebackStatements",
                columns: new[] { "TenantId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChargebackStatements_TenantId_PeriodStart",
                table: "ChargebackStatements",
                columns: new[] { "TenantId", "PeriodStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditAdminEntries");

            migrationBuilder.DropTable(
                name: "AuditChains");

            migrationBuilder.DropTable(
                name: "AuditDataKeys");

            migrationBuilder.DropTable(
                name: "AuditRequestEntries");

            migrationBuilder.DropTable(
                name: "BillingAccounts");

            migrationBuilder.DropTable(
                name: "BillingInvoices");

            migrationBuilder.DropTable(
                name: "BillingMeterSends");

            migrationBuilder.DropTable(
                name: "ChargebackSettings");

            migrationBuilder.DropTable(
                name: "ChargebackStatementLines");

            migrationBuilder.DropTable(
                name: "StripeWebhookEvents");

            migrationBuilder.DropTable(
                name: "TenantBillingStates");

            migrationBuilder.DropTable(
                name: "ChargebackStatements");

            migrationBuilder.DropColumn(
                name: "Audit",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "CostCenter",
                table: "Teams");
        }
    }
}
