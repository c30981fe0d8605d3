-- What a bulk action on articles changed (the links it inserted or deleted, the previous review statuses
-- and theme rows), so its author or an admin can undo it exactly, once. Kept out of the audit event's
-- meta: a 50,000-article action would otherwise put a large blob in every read of the audit log.
CREATE TABLE "bulk_action_undo" (
    "audit_event_id" BIGINT NOT NULL,
    "data" JSONB NOT NULL,
    "undone_at" TIMESTAMPTZ(3),

    CONSTRAINT "bulk_action_undo_pkey" PRIMARY KEY ("audit_event_id")
);

ALTER TABLE "bulk_action_undo" ADD CONSTRAINT "bulk_action_undo_audit_event_id_fkey" FOREIGN KEY ("audit_event_id") REFERENCES "audit_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;
