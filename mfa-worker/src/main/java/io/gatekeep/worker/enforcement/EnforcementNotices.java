package io.gatekeep.worker.enforcement;

/** The texts of the enforcement emails. Plain text; nothing secret. */
final class EnforcementNotices {

    private EnforcementNotices() {}

    static String noticeSubject(String organization) {
        return organization + " now requires two-factor authentication";
    }

    static String noticeBody(String name, String organization, boolean sessionsEnded, String baseUrl) {
        return """
                Hello %s,

                %s now requires every member to use two-factor authentication (an authenticator app such as \
                Google Authenticator, Microsoft Authenticator or 1Password).

                The next time you sign in, you will be asked to set it up before you can continue: keep your \
                phone at hand and scan the QR code we show you. It takes about a minute.%s

                  %s

                -- Gatekeep
                """.formatted(
                name,
                organization,
                sessionsEnded ? "\n\nYou have been signed out everywhere so that your next sign-in sets it up." : "",
                baseUrl);
    }

    static String confirmationSubject(String organization, boolean enforced) {
        return "Two-factor authentication is now " + (enforced ? "required" : "optional") + " in " + organization;
    }

    static String confirmationBody(
            String name,
            String organization,
            String actor,
            boolean enforced,
            long membersWithoutMfa,
            boolean revokeSessions,
            String baseUrl) {
        String effect = enforced
                ? """
                %d member(s) without two-factor authentication will be asked to set it up at their next sign-in; \
                we are emailing each of them.%s""".formatted(membersWithoutMfa, revokeSessions ? " Their current sessions are being ended." : "")
                : "Members may sign in without two-factor authentication again, and may turn it off.";
        return """
                Hello %s,

                %s turned %s the two-factor authentication requirement of %s.

                %s

                See who has set it up in the compliance view:

                  %s

                If you did not expect this change, review your organization's audit trail.

                -- Gatekeep
                """.formatted(name, actor, enforced ? "on" : "off", organization, effect, baseUrl);
    }
}
