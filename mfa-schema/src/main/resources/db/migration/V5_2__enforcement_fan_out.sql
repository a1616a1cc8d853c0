-- The worker's notice fan-out after an organization turns MFA enforcement on: one row per MfaEnforcementChanged
-- event. Each batch queues its emails (outgoing_email, cause 'enforcement:<event_id>:<user_id>') and advances the
-- cursor in ONE transaction, so a worker killed at any point resumes after the last committed member and no member
-- is told twice about the same change. Writer: mfa-worker only.
create table mfa_enforcement_fan_out (
    event_id         uuid primary key,
    organization_id  uuid        not null references organization (id) on delete cascade,
    actor_user_id    uuid,
    -- when enforcement was turned on (the event's time); a later change of the organization cancels the fan-out
    enforced_at      timestamptz not null,
    -- end the FULL sessions of the members without MFA as they are reached
    revoke_sessions  boolean     not null,
    status           text        not null check (status in ('RUNNING', 'COMPLETED', 'CANCELLED')),
    -- keyset over membership (organization_id, user_id): the last member handled; null before the first batch
    cursor_user_id   uuid,
    notified         integer     not null default 0,
    sessions_revoked integer     not null default 0,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    finished_at      timestamptz,
    constraint mfa_enforcement_fan_out_finished_check check ((status = 'RUNNING') = (finished_at is null))
);
-- What the fan-out loop picks up, oldest first; and what an "enforcement off" event cancels.
create index mfa_enforcement_fan_out_running_idx on mfa_enforcement_fan_out (created_at) where status = 'RUNNING';
create index mfa_enforcement_fan_out_org_idx on mfa_enforcement_fan_out (organization_id) where status = 'RUNNING';
