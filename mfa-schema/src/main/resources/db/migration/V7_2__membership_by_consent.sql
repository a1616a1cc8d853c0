-- Membership only by consent: an invitation carries the role it offers, and the membership is created only when the
-- invited person accepts. Until then the invitation is the only trace of the offer (owners list it, cancel it; the
-- person accepts or declines it).
alter table invitation
    -- the address as the inviter typed it: shown to owners instead of the account's own spelling
    add column email             text,
    add column role              text    not null default 'MEMBER' check (role in ('OWNER', 'ADMIN', 'MEMBER')),
    add column manage_org_access boolean not null default false,
    add column declined_at       timestamptz;

-- Open invitations made before this version had their membership already: move the offered role onto the
-- invitation, then drop memberships of people who never accepted (an INVITED account has accepted nothing).
update invitation i
set email = u.email, role = m.role, manage_org_access = m.manage_org_access
from app_user u, membership m
where u.id = i.user_id and m.organization_id = i.organization_id and m.user_id = i.user_id;
update invitation i set email = u.email from app_user u where u.id = i.user_id and i.email is null;
alter table invitation alter column email set not null;
delete from membership m using app_user u where u.id = m.user_id and u.status = 'INVITED';
create index invitation_org_open_idx on invitation (organization_id, created_at desc)
    where accepted_at is null and declined_at is null;

-- Account activity stays with the account: the account's security log is audit_entry rows without organization.
-- Account-level events (sign-ins, failures, lockouts, MFA steps) used to be copied into every organization of the
-- user; keep one copy in the security log and take them out of the organizations' audit.
insert into audit_entry (event_id, organization_id, user_id, actor_user_id, action, client_ip, occurred_at,
                         recorded_at, details)
select distinct on (event_id) event_id, null, user_id, actor_user_id, action, client_ip, occurred_at, recorded_at,
                              details
from audit_entry a
where organization_id is not null
  and (action like 'verification.%' or action like 'enrollment.%' or action like 'recovery.%'
    or action in ('account.signed-in', 'account.sign-in-failed', 'account.signed-out'))
  and not exists (select 1 from audit_entry s where s.event_id = a.event_id and s.organization_id is null)
order by event_id, id;
delete from audit_entry
where organization_id is not null
  and (action like 'verification.%' or action like 'recovery.%' or action like 'enrollment.%'
    or action in ('account.signed-in', 'account.sign-in-failed', 'account.signed-out'))
  and action not in ('enrollment.mfa-enabled', 'recovery.mfa-disabled');
-- MFA turned on or off stays in the organizations as a compliance fact: without client IP or session, and only where
-- the person was a member when it happened.
delete from audit_entry a using membership m
where a.action in ('enrollment.mfa-enabled', 'recovery.mfa-disabled') and a.organization_id = m.organization_id
  and a.user_id = m.user_id and m.created_at > a.occurred_at;
update audit_entry set client_ip = null, details = details - 'clientIp' - 'sessionId'
where organization_id is not null
  and (action in ('enrollment.mfa-enabled', 'recovery.mfa-disabled') or actor_user_id = user_id);
create index audit_entry_account_time_idx on audit_entry (user_id, occurred_at desc, id desc)
    where organization_id is null;
