-- Threading and reply headers for outgoing email, used by the support desk's messages (it queues its mail in
-- outgoing_email like every other sender; the worker's dispatcher delivers it). All nullable: null means the
-- dispatcher's default (From = gatekeep.mail.from, Message-ID derived from the row id, no Reply-To).
-- reply_to and message_id may carry a one-time approval token: the dispatcher erases them, with the body, once sent.
alter table outgoing_email
    add column from_address      text,
    add column reply_to          text,
    add column message_id        text,
    add column in_reply_to       text,
    add column references_header text;
