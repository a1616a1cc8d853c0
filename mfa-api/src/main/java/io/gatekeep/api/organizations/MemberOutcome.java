package io.gatekeep.api.organizations;

import io.gatekeep.api.organizations.Memberships.MemberView;

/** How a member-management request ended; {@link MembersController} maps each to its response. */
sealed interface MemberOutcome {

    record Done(MemberView member) implements MemberOutcome {
    }

    record Removed() implements MemberOutcome {
    }

    /** The organization does not exist, the caller is not in it, or the target is not a member. */
    record NotFound() implements MemberOutcome {
    }

    record Forbidden(String reason) implements MemberOutcome {
    }

    record LastOwner() implements MemberOutcome {
    }

    record AlreadyMember() implements MemberOutcome {
    }

    /** A new user is invited, so a display name is needed. */
    record DisplayNameRequired() implements MemberOutcome {
    }
}
