-- Guards of the support desk's recovery path that must hold across desk replicas, so they live in the database.

-- One open ticket per requester address: a second request from the same address joins the open ticket's thread.
-- Tickets that were already open side by side before this rule keep their status (an agent closes them) but only
-- the newest holds the address's place: the others are marked not single_open and the index ignores them.
alter table desk_ticket add column single_open boolean not null default true;
update desk_ticket t set single_open = false
where t.requester_address is not null
  and t.status not in ('RESOLVED', 'DENIED', 'CANCELLED', 'EXPIRED')
  and exists (select 1 from desk_ticket newer
              where newer.requester_address = t.requester_address
                and newer.status not in ('RESOLVED', 'DENIED', 'CANCELLED', 'EXPIRED')
                and (newer.created_at, newer.id) > (t.created_at, t.id));
-- "not in the final statuses" rather than a list of open ones, so a status added later counts as open.
create unique index desk_ticket_one_open_per_requester on desk_ticket (requester_address)
    where single_open and status not in ('RESOLVED', 'DENIED', 'CANCELLED', 'EXPIRED');

-- The daily cap of confirmation requests per owner counts the tickets they were issued a confirmation token for.
create index desk_approval_token_approver_idx on desk_approval_token (approver_user_id, created_at);
