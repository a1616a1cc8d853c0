-- The support desk's lost-recovery-code tickets. Writer: support-desk only (it also inserts outgoing_email rows and
-- processed_event rows of its own consumer group 'support-desk'). The desk never reads account or MFA tables.

create table desk_ticket (
    id                 uuid primary key,
    -- MFA-XXXXX over an alphabet without look-alike characters
    reference          text        not null unique,
    status             text        not null check (status in ('NEEDS_AGENT', 'AWAITING_REQUESTER', 'AWAITING_APPROVAL',
                                                              'APPROVED', 'RESOLVED', 'DENIED', 'CANCELLED', 'EXPIRED')),
    -- machine-readable cause of the current status (e.g. REQUESTER_NOT_REGISTERED, OWNER_REPLY_FAILED_CHECKS)
    status_reason      text,
    -- the From address of the request as written (lower-case); user_id once the directory knows it
    requester_address  text,
    user_id            uuid,
    requester_email    text,
    requester_name     text,
    organization_id    uuid,
    organization_name  text,
    approver_user_id   uuid,
    approver_email     text,
    approver_name      text,
    -- OWNER or MANAGER (a member with MANAGE_ORG_ACCESS when the requester is the only owner)
    approver_role      text,
    -- an unclear owner reply gets one clarification; the next unclear one goes to an agent
    clarification_sent boolean     not null default false,
    owner_confirmed_at timestamptz,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    expires_at         timestamptz not null,
    version            integer     not null default 0
);
create index desk_ticket_status_idx on desk_ticket (status, created_at);
create index desk_ticket_expiry_idx on desk_ticket (expires_at)
    where status in ('AWAITING_REQUESTER', 'AWAITING_APPROVAL');

-- Every message of a thread, both directions, with the outcome of every check made on it (JSON list).
-- Inbound rows are unique by dedupe key (Message-ID, or content hash), so a redelivered message is recognised.
create table desk_message (
    id              uuid primary key,
    ticket_id       uuid references desk_ticket (id),
    direction       text        not null check (direction in ('IN', 'OUT')),
    dedupe_key      text        not null unique,
    -- the Message-ID without brackets; null for desk mail whose Message-ID carries an approval token
    message_id      text,
    from_address    text,
    recipient       text,
    subject         text,
    body_text       text,
    -- IN: REQUEST, FOLLOW_UP, OWNER_REPLY, AUTOMATED, REJECTED, DUPLICATE ...; OUT: the purpose of the mail
    kind            text        not null,
    -- OUT only: an answer to whoever wrote (counted by the per-sender hourly cap)
    answer          boolean     not null default false,
    checks          jsonb       not null default '[]',
    created_at      timestamptz not null
);
create index desk_message_ticket_idx on desk_message (ticket_id, created_at);
create index desk_message_message_id_idx on desk_message (message_id) where message_id is not null;
create index desk_message_answers_idx on desk_message (recipient, created_at) where answer;

-- Approval tokens, only as SHA-256 hashes: bound to one ticket, one approver and one action; single use; they expire
-- with the ticket.
create table desk_approval_token (
    token_hash       bytea primary key,
    ticket_id        uuid        not null references desk_ticket (id),
    approver_user_id uuid        not null,
    approver_email   text        not null,
    action           text        not null check (action in ('MFA_RESET')),
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    used_at          timestamptz
);
create index desk_approval_token_ticket_idx on desk_approval_token (ticket_id);

-- Support agents: separate from organization users.
create table desk_agent (
    id            uuid primary key,
    username      text        not null unique check (length(username) between 1 and 100),
    display_name  text        not null,
    password_hash text        not null,
    active        boolean     not null default true,
    created_at    timestamptz not null
);

-- Every agent action, with its justification or note.
create table desk_agent_action (
    id          uuid primary key,
    ticket_id   uuid        not null references desk_ticket (id),
    agent_id    uuid        not null references desk_agent (id),
    action      text        not null check (action in ('APPROVE', 'DENY', 'ESCALATE', 'NOTE')),
    text        text,
    from_status text        not null,
    to_status   text        not null,
    created_at  timestamptz not null
);
create index desk_agent_action_ticket_idx on desk_agent_action (ticket_id, created_at);
