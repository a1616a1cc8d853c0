package io.gatekeep.worker.invitations;

import io.gatekeep.events.EventType;
import io.gatekeep.events.account.MemberInvited;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.WebProperties;
import io.gatekeep.worker.mail.OneTimeToken;
import io.gatekeep.worker.mail.OutgoingEmails;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On {@code MemberInvited} (an address with or without an account alike): creates the invitation token, stores its
 * hash on the invitation and queues the email carrying it (cause {@code invitation:<invitationId>}), all in the
 * handler's transaction. An invitation that already has a token, was answered, has expired or is gone (cancelled or
 * replaced) gets no (second) email.
 */
@Component
class InvitationHandler implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(InvitationHandler.class);

    private final JdbcTemplate jdbc;
    private final OutgoingEmails emails;
    private final WebProperties web;
    private final Clock clock;

    InvitationHandler(JdbcTemplate jdbc, OutgoingEmails emails, WebProperties web, Clock clock) {
        this.jdbc = jdbc;
        this.emails = emails;
        this.web = web;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "invitations";
    }

    @Override
    public boolean handles(EventType type) {
        return type == EventType.MEMBER_INVITED;
    }

    @Override
    public void handle(ReceivedEvent event) {
        MemberInvited invited = event.payload(MemberInvited.class);
        OneTimeToken token = OneTimeToken.generate();
        int updated = jdbc.update(
                """
                update invitation set token_hash = ?
                where id = ? and token_hash is null and accepted_at is null and declined_at is null
                  and expires_at > ?
                """, token.hash(), invited.invitationId(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (updated == 0) {
            log.info(
                    "Invitation {} is gone, accepted, expired or already sent; no invitation email",
                    invited.invitationId());
            return;
        }
        String organization = organizationName(invited.organizationId());
        Person inviter = person(invited.actorUserId());
        // the greeting uses the account's own name: the email goes to that address only
        Person invitee = person(invited.userId());
        String body = InvitationEmail.body(
                invitee == null ? invited.displayName() : invitee.displayName(),
                organization,
                inviter == null ? null : inviter.displayName(),
                inviter == null ? null : inviter.email(),
                invited.role(),
                token.value(),
                invited.expiresAt(),
                web.baseUrl());
        emails.enqueue(
                "invitation:" + invited.invitationId(), invited.email(), InvitationEmail.subject(organization), body);
    }

    private String organizationName(UUID organizationId) {
        List<String> names =
                jdbc.queryForList("select name from organization where id = ?", String.class, organizationId);
        return names.isEmpty() ? null : names.get(0);
    }

    private record Person(String displayName, String email) {}

    private Person person(UUID userId) {
        if (userId == null) {
            return null;
        }
        List<Person> people = jdbc.query(
                "select display_name, email from app_user where id = ?",
                (row, index) -> new Person(row.getString(1), row.getString(2)),
                userId);
        return people.isEmpty() ? null : people.get(0);
    }
}
