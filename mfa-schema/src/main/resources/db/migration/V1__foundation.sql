-- Foundation: organizations, users, memberships, invitations, sessions, rate limits,
-- the transactional outbox, consumer idempotency, the audit trail and outgoing email.
-- Writers (see docs/ARCHITECTURE.md): mfa-api writes the account tables, sessions, rate limits and outbox rows;
-- mfa-worker writes invitation tokens, processed_event, audit_entry, outgoing_email and relays the outbox.

create table organization (
    id          uuid primary key,
    name        text        not null check (length(name) between 1 and 200),
    created_at  timestamptz not null
);

create table app_user (
    id            uuid primary key,
    email         text        not null check (length(email) between 3 and 320),
    display_name  text        not null check (length(display_name) between 1 and 200),
    -- null until an invited user accepts the invitation
    password_hash text,
    status        text        not null check (status in ('INVITED', 'ACTIVE')),
    created_at    timestamptz not null
);
-- Emails are unique case-insensitively.
create unique index app_user_email_key on app_user (lower(email));

create table membership (
    organization_id   uuid        not null references organization (id) on delete cascade,
    user_id           uuid        not null references app_user (id) on delete cascade,
    role              text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER')),
    -- explicit grant; owners hold MANAGE_ORG_ACCESS implicitly
    manage_org_access boolean     not null default false,
    created_at        timestamptz not null,
    primary key (organization_id, user_id)
);
create index membership_user_idx on membership (user_id);

create table invitation (
    id              uuid primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    user_id         uuid        not null references app_user (id) on delete cascade,
    invited_by      uuid        references app_user (id) on delete set null,
    -- SHA-256 of the one-time token; set by the worker when it writes the invitation email
    token_hash      bytea unique,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    accepted_at     timestamptz
);
create index invitation_user_idx on invitation (user_id);

create table auth_session (
    id           uuid primary key,
    -- SHA-256 of the opaque bearer token; the token itself is never stored
    token_hash   bytea       not null unique,
    user_id      uuid        not null references app_user (id) on delete cascade,
    kind         text        not null check (kind in ('FULL')),
    mfa_verified boolean     not null default false,
    client_ip    text,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);
create index auth_session_user_idx on auth_session (user_id) where revoked_at is null;

-- Fixed-window counters shared by every API instance (sign-in rate limits).
create table rate_limit_counter (
    bucket       text        not null,
    window_start timestamptz not null,
    hits         integer     not null,
    primary key (bucket, window_start)
);

-- The transactional outbox: written in the same transaction as the state change, relayed to Kafka in seq order.
create table outbox_event (
    seq             bigserial primary key,
    event_id        uuid        not null unique,
    topic           text        not null,
    partition_key   text        not null,
    event_type      text        not null,
    source          text        not null,
    subject         text,
    occurred_at     timestamptz not null,
    schema_version  integer     not null,
    payload         jsonb       not null,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'PUBLISHED', 'BLOCKED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    published_at    timestamptz,
    last_error      text
);
create index outbox_event_pending_idx on outbox_event (seq) where status = 'PENDING';

-- Consumer idempotency: an event id is recorded in the same transaction as its effect.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);

create table audit_entry (
    id              bigserial primary key,
    event_id        uuid        not null,
    organization_id uuid,
    user_id         uuid,
    actor_user_id   uuid,
    action          text        not null,
    client_ip       text,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null,
    details         jsonb       not null default '{}'::jsonb
);
create unique index audit_entry_event_org_key on audit_entry (event_id, coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index audit_entry_org_time_idx on audit_entry (organization_id, occurred_at desc, id desc);

-- Every email the system sends, once per cause; the sender retries until it is delivered.
create table outgoing_email (
    id              uuid primary key,
    cause_key       text        not null unique,
    recipient       text        not null,
    subject         text        not null,
    -- may hold a one-time link until delivery; cleared once sent
    body            text,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    last_error      text
);
create index outgoing_email_pending_idx on outgoing_email (next_attempt_at) where status = 'PENDING';
