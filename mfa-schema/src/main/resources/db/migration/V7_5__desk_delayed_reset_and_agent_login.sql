-- Support-desk recovery with a delay the real user can stop, and agents who sign in with a second factor.
-- Writer: support-desk. mfa-worker reads desk_ticket (status, reset time, approver role) to re-check a reset at the
-- moment it applies it, and never writes it.

-- An approval no longer resets at once: the ticket waits in APPROVED until reset_at, and the reset is released
-- (MfaResetApproved published) by a database sweep that marks reset_released_at. A ticket an agent approved without
-- an owner's confirmation waits in PENDING_SECOND_APPROVAL for a second, different agent.
alter table desk_ticket drop constraint desk_ticket_status_check;
alter table desk_ticket add constraint desk_ticket_status_check
    check (status in ('NEEDS_AGENT', 'AWAITING_REQUESTER', 'AWAITING_APPROVAL', 'PENDING_SECOND_APPROVAL', 'APPROVED',
                      'RESOLVED', 'DENIED', 'CANCELLED', 'EXPIRED'));
alter table desk_ticket
    add column approved_at       timestamptz,
    add column reset_at          timestamptz,
    add column reset_released_at timestamptz,
    -- OWNER_REPLY or AGENT; the agents of a four-eyes approval are in desk_agent_action
    add column approved_via      text check (approved_via in ('OWNER_REPLY', 'AGENT')),
    -- the first agent of a four-eyes approval, while the ticket waits for the second
    add column first_approver_agent_id uuid references desk_agent (id);
create index desk_ticket_reset_due_idx on desk_ticket (reset_at)
    where status = 'APPROVED' and reset_released_at is null;

-- Cancel links of an approved reset: one per recipient (the requester's registered address and every owner), only as
-- SHA-256 hashes, single use, valid until the reset time. Using any of them cancels the ticket and ends the others.
create table desk_cancel_token (
    token_hash bytea primary key,
    ticket_id  uuid        not null references desk_ticket (id),
    recipient  text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index desk_cancel_token_ticket_idx on desk_cancel_token (ticket_id);

-- Agents sign in with password and a TOTP code: the secret sealed with AES-256-GCM (key id, nonce, ciphertext), the
-- last accepted time step (a code is accepted once), and the failure count and lock of the lockout policy.
alter table desk_agent
    add column totp_key_id          text,
    add column totp_nonce           bytea,
    add column totp_ciphertext      bytea,
    add column totp_last_used_step  bigint,
    add column consecutive_failures integer     not null default 0,
    add column lockout_count        integer     not null default 0,
    add column locked_until         timestamptz,
    add column last_lockout_at      timestamptz;

-- Agent sessions: bearer tokens stored as SHA-256, 8 hours at most and 30 minutes without use.
create table desk_agent_session (
    token_hash   bytea primary key,
    agent_id     uuid        not null references desk_agent (id),
    created_at   timestamptz not null,
    last_used_at timestamptz not null,
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);
create index desk_agent_session_agent_idx on desk_agent_session (agent_id);

-- The first approval of a four-eyes approval is an audited action of its own.
alter table desk_agent_action drop constraint desk_agent_action_action_check;
alter table desk_agent_action add constraint desk_agent_action_action_check
    check (action in ('APPROVE', 'FIRST_APPROVAL', 'DENY', 'ESCALATE', 'NOTE'));
