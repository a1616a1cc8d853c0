package io.gatekeep.local;

import java.nio.file.Path;
import java.util.Map;

/** The banner printed once everything runs. */
final class Summary {

    private Summary() {}

    static String render(
            Infrastructure infra, Path stateDirectory, Map<DemoAccount, String> accounts, String agentTotpSecret) {
        StringBuilder out = new StringBuilder();
        out.append("\n================ Gatekeep local stack is running ================\n");
        out.append("  Web client      http://localhost:")
                .append(Service.API.port())
                .append("/  (open it in a browser)\n");
        out.append("  API             http://localhost:")
                .append(Service.API.port())
                .append('\n');
        out.append("  Swagger UI      http://localhost:")
                .append(Service.API.port())
                .append("/swagger-ui.html\n");
        out.append("  OpenAPI         http://localhost:")
                .append(Service.API.port())
                .append("/v3/api-docs\n");
        out.append("  Support desk    http://localhost:")
                .append(Service.DESK.port())
                .append("/  (the agents' desk: sign in as the desk agent below)\n");
        for (Service service : Service.values()) {
            out.append(String.format(
                    "  %-15s %s  (metrics: /actuator/prometheus)%n",
                    service.shortName() + " health", service.healthUrl()));
        }
        out.append('\n');
        out.append("  PostgreSQL      ")
                .append(infra.jdbcUrl())
                .append("  user ")
                .append(infra.dbUser())
                .append(" / password ")
                .append(infra.dbPassword())
                .append('\n');
        out.append("  Kafka           ").append(infra.kafkaBootstrap()).append('\n');
        out.append("  SMTP            localhost:")
                .append(infra.smtpPort())
                .append("  (accepts mail for any address)\n");
        out.append("  IMAP            localhost:")
                .append(infra.imapPort())
                .append("  (log in with the email address as user name and as password)\n");
        out.append("  Support mailbox ").append(Infrastructure.SUPPORT_ADDRESS).append('\n');
        out.append("  Desk agent      ")
                .append(ServiceConfig.DEMO_AGENT)
                .append(" / password ")
                .append(ServiceConfig.DEMO_AGENT_PASSWORD)
                .append("  (and a TOTP code, at http://localhost:")
                .append(Service.DESK.port())
                .append("/ or POST /api/v1/desk/sign-in)\n");
        out.append("    TOTP secret   ").append(agentTotpSecret).append("  (add it to an authenticator app)\n");
        out.append("    code now      oathtool --totp -b ")
                .append(agentTotpSecret)
                .append('\n');
        out.append("  Support resets  wait 1 minute after approval (24 hours in production); membership age not\n")
                .append("                  checked at the reset on this stack\n");
        out.append("  Desk recovery   LOCAL SETTINGS: sender authentication of requests and owner replies is OFF\n")
                .append(
                        "                  (support.require-authenticated-sender=false) and owners and memberships of\n")
                .append(
                        "                  any age may confirm (gatekeep.desk.min-membership-age=0s; default 7 days)\n");
        if (!accounts.isEmpty()) {
            out.append("\n  Demo organization \"")
                    .append(DemoAccount.ORGANIZATION)
                    .append("\"\n");
            accounts.forEach((account, state) -> out.append(String.format(
                    "    %-7s %-28s password %-22s %s%n", account.role(), account.email(), account.password(), state)));
        }
        out.append('\n');
        out.append("  Data folder     ").append(stateDirectory).append("  (kept across restarts; --fresh wipes it)\n");
        out.append("  Service logs    ").append(stateDirectory.resolve("logs")).append('\n');
        out.append("  MFA secrets are encrypted with a DEVELOPMENT key (")
                .append(stateDirectory.resolve("dev-encryption-key"))
                .append("): never use it elsewhere.\n");
        out.append("\n  Press Ctrl-C to stop everything.\n");
        out.append("=================================================================\n");
        return out.toString();
    }
}
