import type { Migration } from '../migrations';

/**
 * The read model of issue 9: what the screens show about hosting orders and numbers without asking
 * Sinch. Orders gain what an order screen needs (plan, campaign, LOA kind and recipient, scheduled
 * times, signature wait, batch, Sinch's report) and may be adopted (no job); `order_numbers` keeps each
 * number's steps inside each order as last observed; `number_steps` is the history of every step
 * change a poller observed (a number's lifecycle joins it with `number_states`, jobs and orders).
 * Numbers gain what Sinch says about them (kind, qualification state, display name, callback URL,
 * provisioning). Only ADD COLUMN with constant defaults: instant on 100,000 rows (no table rewrite).
 */
export const readModelMigration: Migration = {
  version: 8,
  name: '008-read-model',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN origin TEXT NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'adopted'));
      ALTER TABLE orders ADD COLUMN batch_id TEXT;
      ALTER TABLE orders ADD COLUMN region_code TEXT;
      ALTER TABLE orders ADD COLUMN service_plan_id TEXT;
      ALTER TABLE orders ADD COLUMN campaign_id TEXT;
      ALTER TABLE orders ADD COLUMN loa_kind TEXT CHECK (loa_kind IN ('direct', 'reseller', 'blanket'));
      ALTER TABLE orders ADD COLUMN loa_recipient TEXT;
      ALTER TABLE orders ADD COLUMN loa_profile_id TEXT;
      ALTER TABLE orders ADD COLUMN scheduled_osr_at INTEGER;
      ALTER TABLE orders ADD COLUMN scheduled_zipwhip_at INTEGER;
      ALTER TABLE orders ADD COLUMN signature_waiting_since INTEGER;
      ALTER TABLE orders ADD COLUMN remote_created_at INTEGER;
      ALTER TABLE orders ADD COLUMN remote_updated_at INTEGER;
      ALTER TABLE orders ADD COLUMN checked_at INTEGER;
      -- Sinch's HostingOrderReport as last read, with readAt (JSON)
      ALTER TABLE orders ADD COLUMN report TEXT;
      CREATE INDEX orders_by_state ON orders (state);
      CREATE INDEX orders_by_batch ON orders (batch_id);

      CREATE TABLE order_numbers (
        order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        phone TEXT NOT NULL,
        -- the three steps' states (STEP_STATES), columns so that counts per step are one GROUP BY
        osr_state TEXT NOT NULL,
        platform_state TEXT NOT NULL,
        campaign_state TEXT NOT NULL,
        -- steps with failure and since, carriers, outcome (JSON)
        detail TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (order_id, phone)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX order_numbers_by_phone ON order_numbers (phone);

      CREATE TABLE number_steps (
        id INTEGER PRIMARY KEY,
        phone TEXT NOT NULL,
        at INTEGER NOT NULL,
        order_id INTEGER REFERENCES orders(id) ON DELETE SET NULL,
        step TEXT NOT NULL,
        state TEXT NOT NULL,
        code TEXT,
        message TEXT
      ) STRICT;
      CREATE INDEX number_steps_by_phone ON number_steps (phone, id);

      ALTER TABLE numbers ADD COLUMN kind TEXT NOT NULL DEFAULT 'local' CHECK (kind IN ('imported', 'qualified', 'local'));
      ALTER TABLE numbers ADD COLUMN origin TEXT NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'adopted'));
      ALTER TABLE numbers ADD COLUMN qualification_state TEXT;
      ALTER TABLE numbers ADD COLUMN display_name TEXT;
      ALTER TABLE numbers ADD COLUMN callback_url TEXT;
      -- provisioning, carriers, qualification sub-statuses, failure as last read (JSON)
      ALTER TABLE numbers ADD COLUMN remote TEXT;
      ALTER TABLE numbers ADD COLUMN checked_at INTEGER;
    `);
  },
};
