package io.gatekeep.api.organizations;

import io.gatekeep.api.invitations.model.Invitation;
import io.gatekeep.api.organizations.Memberships.MemberView;
import java.time.Duration;

/** How a member-management request ended; {@link MembersController} maps each to its response. */
sealed interface MemberOutcome {

    record Done(MemberView member) implements MemberOutcome {}

    /** An invitation was made (for an address with or without an account alike); no membership exists yet. */
    record Invited(Invitation invitation) implements MemberOutcome {}

    record Removed() implements MemberOutcome {}

    /** The organization does not exist, the caller is not in it, or the target is not a member. */
    record NotFound() implements MemberOutcome {}

    record Forbidden(String reason) implements MemberOutcome {}

    record LastOwner() implements MemberOutcome {}

    record AlreadyMember() implements MemberOutcome {}

    /** A sensitive change (owners, MANAGE_ORG_ACCESS) by a session whose second factor is older than the window. */
    record StepUpRequired() implements MemberOutcome {}

    /** The organization sent as many invitations as its window allows. */
    record RateLimited(Duration retryAfter) implements MemberOutcome {}
}
