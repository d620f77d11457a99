-- The migrations applied so far: one row per step (migrations/NNNN_*.sql), created
-- by the adapter before the first step. Not a migration itself.
CREATE TABLE IF NOT EXISTS oh_schema (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
