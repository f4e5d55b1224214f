import type { Database } from './database';

/** Numbered, append-only. Never edit a migration that has shipped: add the next one. */
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'users, sessions and api keys',
    sql: `
      CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'member')),
        created_at timestamptz NOT NULL
      );
      CREATE UNIQUE INDEX users_username_lower ON users (lower(username));

      CREATE TABLE sessions (
        id_hash bytea PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user_id ON sessions (user_id);

      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        owner_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL,
        -- lower(name) while the token is active, NULL once revoked or released after expiry:
        -- the unique constraint below then enforces "one active token per name and owner".
        active_name text,
        description text,
        environment text NOT NULL,
        scopes text[] NOT NULL,
        digest bytea NOT NULL UNIQUE,
        hint text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz,
        last_used_ip text,
        last_used_user_agent text,
        revoked_at timestamptz,
        revoked_by text REFERENCES users (id) ON DELETE SET NULL,
        CONSTRAINT api_keys_owner_active_name UNIQUE (owner_id, active_name)
      );
      CREATE INDEX api_keys_owner_created ON api_keys (owner_id, created_at);
    `,
  },
  {
    // Admin review and the stored policy. Touches only api_keys indexes and its own table: independent of version 3.
    version: 2,
    name: 'admin review indexes and the stored token policy',
    sql: `
      -- Keyset pagination of the review: one index per sort order, each ending in id (the tie-breaker).
      -- Last use sorts never-used tokens as the oldest (-infinity) or, on request, the newest (infinity).
      CREATE INDEX api_keys_review_last_used_low ON api_keys ((COALESCE(last_used_at, '-infinity'::timestamptz)), id);
      CREATE INDEX api_keys_review_last_used_high ON api_keys ((COALESCE(last_used_at, 'infinity'::timestamptz)), id);
      CREATE INDEX api_keys_review_created ON api_keys (created_at, id);
      CREATE INDEX api_keys_review_expires ON api_keys (expires_at, id);
      CREATE INDEX api_keys_owner_id ON api_keys (owner_id);

      -- At most one row (id is always true). No row means the built-in default policy.
      -- updated_by references users, so TRUNCATE users CASCADE (the test reset) also resets the policy.
      CREATE TABLE token_policies (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        policy jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text REFERENCES users (id) ON DELETE SET NULL
      );
    `,
  },
  {
    // Token lifecycle. Touches only its own tables, so it is independent of version 2.
    version: 3,
    name: 'rotation grace secrets and api key events',
    sql: `
      -- The secret a rotate replaced: one per token (a second rotate ends the first one's grace).
      -- Kept after its grace as the record of the last rotation and to recognise it when presented again.
      CREATE TABLE api_key_previous_secrets (
        api_key_id text PRIMARY KEY REFERENCES api_keys (id) ON DELETE CASCADE,
        digest bytea NOT NULL UNIQUE,
        rotated_at timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        uses integer NOT NULL DEFAULT 0
      );

      CREATE TABLE api_key_events (
        id text PRIMARY KEY,
        api_key_id text NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('created', 'first_used', 'rotated', 'grace_ended', 'revoked', 'rejected')),
        actor_id text REFERENCES users (id) ON DELETE SET NULL,
        ip text,
        user_agent text,
        client text,
        at timestamptz NOT NULL,
        count integer NOT NULL DEFAULT 1,
        last_at timestamptz,
        grace_period text,
        reason text
      );
      CREATE INDEX api_key_events_key_at ON api_key_events (api_key_id, at);
      -- First use is recorded once; rejected attempts are one counting row per token.
      CREATE UNIQUE INDEX api_key_events_first_use ON api_key_events (api_key_id) WHERE type = 'first_used';
      CREATE UNIQUE INDEX api_key_events_rejected ON api_key_events (api_key_id) WHERE type = 'rejected';
    `,
  },
  {
    // Rate limits shared by every instance behind a load balancer. Touches only its own table.
    version: 4,
    name: 'fixed-window rate limit counters',
    sql: `
      -- One row per (bucket, key, window): e.g. ('signInFailuresPerIp', sha256 of '203.0.113.9', 12:34:00).
      -- expires_at is the window's end; rows past it are deleted opportunistically.
      CREATE TABLE rate_limit_counters (
        bucket text NOT NULL,
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (bucket, key, window_start)
      );
      CREATE INDEX rate_limit_counters_expires_at ON rate_limit_counters (expires_at);
    `,
  },
  {
    // Admin review. Touches only api_keys indexes (none that version 6 adds or drops).
    version: 5,
    name: 'admin review never-used index',
    sql: `
      -- The "Never used" quick view in "last used, most recent first" order: never used sorts last there,
      -- so the full last-use index walked every used token (75,000 of 100,000) before the first row.
      -- Partial: only never-used tokens are in it, and a token leaves it on its first use.
      CREATE INDEX api_keys_review_never_used ON api_keys ((COALESCE(last_used_at, '-infinity'::timestamptz)), id)
        WHERE last_used_at IS NULL;
    `,
  },
  {
    // The owner's list (Account → Integrations) in keyset pages. Touches only api_keys indexes.
    version: 6,
    name: 'owner token list keyset indexes',
    sql: `
      -- One index per sort order of GET /api/api-keys, each (owner_id, sort key, id): a page is one short
      -- range scan (backwards for descending) at row 50 or row 9,950, and the expiring-soon banner is a
      -- range of the expires_at one. Never used sorts as the oldest use (-infinity), in both directions.
      CREATE INDEX api_keys_owner_list_created ON api_keys (owner_id, created_at, id);
      CREATE INDEX api_keys_owner_list_last_used ON api_keys (owner_id, (COALESCE(last_used_at, '-infinity'::timestamptz)), id);
      CREATE INDEX api_keys_owner_list_name ON api_keys (owner_id, lower(name), id);
      CREATE INDEX api_keys_owner_list_expires ON api_keys (owner_id, expires_at, id);
      -- Live tokens only: "Showing 50 of N" active ones and the expiring-soon banner read this index alone.
      CREATE INDEX api_keys_owner_live_expires ON api_keys (owner_id, expires_at) WHERE revoked_at IS NULL;
      -- Its prefix is the first index above: one index less to maintain on every write.
      DROP INDEX api_keys_owner_created;
    `,
  },
  {
    // Look-alike names. Touches only api_keys.active_name, which the unique constraint of version 1 reads.
    version: 7,
    name: 'api key names compared folded',
    sql: `
      -- active_name becomes the name's key as the contract's nameKey computes it (NFKC, invisible
      -- characters dropped, lower case), written by the server from now on. Live names are folded here
      -- the same way (the invisible characters listed are the ones nameKey drops). Look-alikes that both
      -- already hold a live name keep their old keys, so the migration never fails: the next renew of
      -- either meets the rule. normalize() needs a UTF8 database; on any other, names stay as they were.
      DO $$
      BEGIN
        IF current_setting('server_encoding') = 'UTF8' THEN
          WITH folded AS (
            SELECT id, owner_id, lower(normalize(regexp_replace(name,
                     '[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8]',
                     '', 'g'), NFKC)) AS key
            FROM api_keys WHERE active_name IS NOT NULL
          )
          UPDATE api_keys k SET active_name = f.key
          FROM folded f
          WHERE k.id = f.id AND k.active_name <> f.key
            AND NOT EXISTS (SELECT 1 FROM folded o WHERE o.owner_id = f.owner_id AND o.key = f.key AND o.id <> f.id);
        END IF;
      END
      $$;
    `,
  },
  {
    // People: status, invite links and the audit of changes to a person. Touches users and its own tables.
    version: 8,
    name: 'people: status, invite links, member events',
    sql: `
      -- invited: added by an admin, no password yet; deactivated: no sign-in, no sessions, no live tokens.
      ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'invited', 'deactivated'));
      ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
      ALTER TABLE users ADD COLUMN last_sign_in_at timestamptz;
      -- The members page's order and its keyset pages.
      CREATE INDEX users_list ON users (lower(username), id);

      -- One live link per person (a new one replaces it); only the SHA-256 of the code is stored.
      CREATE TABLE user_invites (
        user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        code_hash bytea NOT NULL UNIQUE,
        purpose text NOT NULL CHECK (purpose IN ('invite', 'password_reset')),
        created_by text REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );

      CREATE TABLE member_events (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('added', 'invited', 'joined', 'role_changed', 'deactivated',
          'reactivated', 'password_reset_issued', 'password_changed')),
        actor_id text REFERENCES users (id) ON DELETE SET NULL,
        at timestamptz NOT NULL,
        detail text,
        -- Orders events of the same instant (an invite issued as the person is added) as they happened.
        seq bigint GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX member_events_user_at ON member_events (user_id, at);
    `,
  },
  {
    // Device authorization (RFC 8628): the CLI's sign-in. Touches api_key_events and its own table.
    version: 9,
    name: 'device authorization',
    sql: `
      -- How a token came to be, on its created event: null for the dashboard, device_login for the CLI's sign-in.
      ALTER TABLE api_key_events ADD COLUMN via text CHECK (via IN ('device_login'));

      -- Only keyed digests of both codes are stored. A row is pending until someone approves or denies
      -- it (or it expires), approved until the device collects its token, then spent.
      CREATE TABLE device_authorizations (
        id text PRIMARY KEY,
        device_code_hash bytea NOT NULL UNIQUE,
        user_code_hash bytea NOT NULL UNIQUE,
        client_name text NOT NULL,
        hostname text NOT NULL,
        environment text,
        scopes text[] NOT NULL,
        expires_in_days integer,
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        interval_seconds integer NOT NULL,
        last_polled_at timestamptz,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'spent')),
        decided_by text REFERENCES users (id) ON DELETE CASCADE,
        decided_at timestamptz,
        api_key_id text REFERENCES api_keys (id) ON DELETE CASCADE
      );
      CREATE INDEX device_authorizations_expires_at ON device_authorizations (expires_at);
    `,
  },
  {
    // My account → Security: what a person sees of their own sessions. Touches sessions only.
    version: 10,
    name: 'sessions: public id, last seen, address and browser',
    sql: `
      -- The id a session is listed and signed out by: random, unrelated to the cookie or its digest.
      ALTER TABLE sessions ADD COLUMN public_id text;
      UPDATE sessions SET public_id = gen_random_uuid()::text;
      ALTER TABLE sessions ALTER COLUMN public_id SET NOT NULL;
      CREATE UNIQUE INDEX sessions_public_id ON sessions (public_id);
      -- Written at most once a minute per session by the lookup, not on every request.
      ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz;
      UPDATE sessions SET last_seen_at = created_at;
      ALTER TABLE sessions ALTER COLUMN last_seen_at SET NOT NULL;
      -- Where it was last seen from, and the browser it was signed in with (truncated by the server).
      ALTER TABLE sessions ADD COLUMN ip text;
      ALTER TABLE sessions ADD COLUMN user_agent text;
    `,
  },
  {
    // Service accounts: token owners that are not people. Touches users (a new column) and its own tables.
    version: 11,
    name: 'service accounts',
    sql: `
      -- A service account is a user row, so every token flow, the credential lookup and the timeline
      -- work for its tokens unchanged. It has no password, its role stays member, its status active.
      ALTER TABLE users ADD COLUMN kind text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'service_account'));

      CREATE TABLE service_accounts (
        user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        description text,
        permissions text[] NOT NULL DEFAULT '{}' CHECK (permissions <@ ARRAY['introspect']::text[]),
        created_by text REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL
      );

      -- People who may manage the service account's tokens.
      CREATE TABLE service_account_managers (
        service_account_id text NOT NULL REFERENCES service_accounts (user_id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (service_account_id, user_id)
      );
      -- "Which service accounts does this person manage": the list a manager sees, the token access check.
      CREATE INDEX service_account_managers_user ON service_account_managers (user_id);
    `,
  },
  {
    // Single sign-on (OpenID Connect): sign-ins under way and who a provider's account is. Touches only its own tables.
    version: 12,
    name: 'single sign-on: pending sign-ins, linked identities',
    sql: `
      -- One row per sign-in sent to the provider, deleted when it comes back (single use) or expires.
      -- In the database, not in memory, so the callback may reach any instance. Only digests of the
      -- state and of the browser's binding cookie are stored.
      CREATE TABLE sso_states (
        state_hash bytea PRIMARY KEY,
        browser_hash bytea NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sso_states_expires_at ON sso_states (expires_at);

      -- The provider's account (issuer + subject, which never change) a person signs in as: linked on
      -- the first sign-in by username, by subject from then on. One account per person and provider.
      CREATE TABLE user_identities (
        issuer text NOT NULL,
        subject text NOT NULL,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz NOT NULL,
        PRIMARY KEY (issuer, subject),
        UNIQUE (user_id, issuer)
      );
    `,
  },
  {
    // Token usage (#17): counts per token, hour, scope and outcome, and the clients seen. Touches its own
    // tables, and api_key_events for the "scopes narrowed" entry.
    version: 13,
    name: 'token usage and narrowed scopes',
    sql: `
      -- Added to, never overwritten: each instance flushes what it counted with count = count + n.
      -- scope '' is a call that asked for no scope (GET /api/auth/me, introspection without required_scope).
      -- No foreign key: rows are bookkeeping, pruned by age (90 days), and tokens are never deleted.
      CREATE TABLE api_key_usage (
        api_key_id text NOT NULL,
        hour timestamptz NOT NULL,
        scope text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'rejected')),
        count bigint NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (api_key_id, hour, outcome, scope)
      );
      CREATE INDEX api_key_usage_hour ON api_key_usage (hour);
      -- Who presented the token from where: directly as a bearer token, or to a resource server that introspected it.
      CREATE TABLE api_key_usage_clients (
        api_key_id text NOT NULL,
        via text NOT NULL CHECK (via IN ('bearer', 'introspection')),
        ip text NOT NULL,
        user_agent text NOT NULL,
        count bigint NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (api_key_id, via, ip, user_agent)
      );
      CREATE INDEX api_key_usage_clients_last_at ON api_key_usage_clients (last_at);
      -- Scopes can be narrowed in place (never widened): the timeline says which were removed, and by whom.
      ALTER TABLE api_key_events DROP CONSTRAINT api_key_events_type_check;
      ALTER TABLE api_key_events ADD CONSTRAINT api_key_events_type_check
        CHECK (type IN ('created', 'first_used', 'rotated', 'grace_ended', 'revoked', 'rejected', 'scopes_narrowed'));
      ALTER TABLE api_key_events ADD COLUMN scopes_removed text[];
    `,
  },
  {
    // Notifications: the event outbox, webhook endpoints and their delivery queue, the expiry scan.
    // Touches api_keys (an index, a trigger), api_key_previous_secrets and member_events (triggers) and its own tables.
    version: 14,
    name: 'events outbox, webhooks, expiry notices',
    sql: `
      -- ISO 8601 in UTC as Date.prototype.toISOString writes it: what the contract's timestamps accept.
      CREATE FUNCTION keyline_iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS
        $f$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $f$;

      -- A token as an event shows it (never its secret or digest); its page's URL is added when sent.
      CREATE FUNCTION keyline_event_token(key_id text) RETURNS jsonb LANGUAGE sql STABLE AS $f$
        SELECT jsonb_build_object('id', k.id, 'name', k.name, 'hint', k.hint, 'environment', k.environment,
          'owner', jsonb_build_object('id', u.id, 'username', u.username, 'kind', 'person'),
          'scopes', to_jsonb(k.scopes), 'expiresAt', keyline_iso(k.expires_at), 'lastUsedAt', keyline_iso(k.last_used_at))
        FROM api_keys k JOIN users u ON u.id = k.owner_id WHERE k.id = key_id
      $f$;
      CREATE FUNCTION keyline_event_person(person_id text) RETURNS jsonb LANGUAGE sql STABLE AS
        $f$ SELECT jsonb_build_object('id', id, 'username', username) FROM users WHERE id = person_id $f$;

      -- The outbox: one row per lifecycle event, written in the transaction of the change it describes
      -- (by the triggers below, or by the expiry scan), dispatched to webhooks (and later email) by a worker.
      CREATE TABLE events (
        id text PRIMARY KEY,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        dispatched_at timestamptz,
        -- The order events were recorded in (several in one instant: a create and a revoke in one request).
        seq bigint GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX events_undispatched ON events (seq) WHERE dispatched_at IS NULL;

      CREATE FUNCTION keyline_record_event(event_type text, at timestamptz, data jsonb) RETURNS void LANGUAGE sql AS $f$
        INSERT INTO events (id, type, occurred_at, data)
        VALUES ('evt_' || replace(gen_random_uuid()::text, '-', ''), event_type, at, data)
      $f$;

      -- Every path that creates or revokes a token (dashboard, CLI sign-in, admin bulk revoke, deactivation,
      -- leak reports) is heard here, in its own transaction. A leak report names its cause with
      -- set_config('keyline.revocation_cause', 'leaked', true) before it revokes.
      CREATE FUNCTION keyline_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM keyline_record_event('token.created', NEW.created_at,
            jsonb_build_object('token', keyline_event_token(NEW.id), 'actor', keyline_event_person(NEW.owner_id)));
        ELSIF OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN
          PERFORM keyline_record_event('token.revoked', NEW.revoked_at, jsonb_build_object(
            'token', keyline_event_token(NEW.id),
            'actor', keyline_event_person(NEW.revoked_by),
            'revocation', jsonb_build_object('cause', COALESCE(
              NULLIF(current_setting('keyline.revocation_cause', true), ''),
              CASE
                WHEN (SELECT status FROM users WHERE id = NEW.owner_id) = 'deactivated' THEN 'owner_deactivated'
                WHEN NEW.revoked_by = NEW.owner_id THEN 'owner'
                ELSE 'admin'
              END))));
        END IF;
        RETURN NULL;
      END
      $f$;
      CREATE TRIGGER api_keys_lifecycle_events AFTER INSERT OR UPDATE OF revoked_at ON api_keys
        FOR EACH ROW EXECUTE FUNCTION keyline_api_key_changed();

      -- A rotation writes the replaced secret here after the token's new expiry and hint.
      CREATE FUNCTION keyline_api_key_rotated() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        PERFORM keyline_record_event('token.rotated', NEW.rotated_at, jsonb_build_object(
          'token', keyline_event_token(NEW.api_key_id),
          'actor', (SELECT keyline_event_person(owner_id) FROM api_keys WHERE id = NEW.api_key_id)));
        RETURN NULL;
      END
      $f$;
      CREATE TRIGGER api_key_previous_secrets_rotated AFTER INSERT OR UPDATE OF rotated_at ON api_key_previous_secrets
        FOR EACH ROW EXECUTE FUNCTION keyline_api_key_rotated();

      CREATE FUNCTION keyline_member_deactivated() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        PERFORM keyline_record_event('user.deactivated', NEW.at, jsonb_build_object(
          'user', keyline_event_person(NEW.user_id), 'actor', keyline_event_person(NEW.actor_id)));
        RETURN NULL;
      END
      $f$;
      CREATE TRIGGER member_events_deactivated AFTER INSERT ON member_events
        FOR EACH ROW WHEN (NEW.type = 'deactivated') EXECUTE FUNCTION keyline_member_deactivated();

      -- The expiry scan walks live tokens by expiry: each pass reads only the range crossed since the last one.
      CREATE INDEX api_keys_live_expiry ON api_keys (expires_at, id) WHERE revoked_at IS NULL;
      -- Per threshold (days before expiry; 0 = expiry itself): how far the scan got, in expires_at order.
      -- last_id set: a pass stopped at its batch size inside that instant, after this id.
      CREATE TABLE expiry_scans (
        days_before integer PRIMARY KEY,
        scanned_until timestamptz NOT NULL,
        last_id text
      );

      CREATE TABLE webhook_endpoints (
        id text PRIMARY KEY,
        url text NOT NULL,
        description text NOT NULL DEFAULT '',
        events text[] NOT NULL,
        enabled boolean NOT NULL,
        -- The signing secret, sealed (AES-256-GCM) under a key derived from the server's HMAC secret:
        -- it must be readable to sign, so it cannot be a digest like a token's.
        secret_sealed bytea NOT NULL,
        created_by text REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL,
        secret_rotated_at timestamptz
      );

      -- The queue and its log. message_id is the webhook-id header: the same on every attempt.
      CREATE TABLE webhook_deliveries (
        id text PRIMARY KEY,
        endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        message_id text NOT NULL,
        event_type text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        give_up_after timestamptz NOT NULL,
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        response_status integer,
        latency_ms integer,
        error text,
        seq bigint GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, seq);
    `,
  },
  {
    // Leaked-token intake (secret scanners, and anyone holding a leaked secret). Touches api_key_events and its own table.
    version: 15,
    name: 'leaked-token reports',
    sql: `
      -- Where a reported secret was found, on the revoked (or grace ended) event its report caused.
      ALTER TABLE api_key_events ADD COLUMN leak_url text;

      -- One row per (secret, place) a scanner reported for one of our tokens: a replayed report finds its
      -- row and changes nothing. The digest is keyed (HMAC), so the table never yields a secret or lets one be checked.
      CREATE TABLE leak_reports (
        digest bytea PRIMARY KEY,
        api_key_id text NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
        source text NOT NULL,
        reported_at timestamptz NOT NULL
      );
      CREATE INDEX leak_reports_api_key ON leak_reports (api_key_id);
    `,
  },
  {
    // Email notices. Touches only its own tables: a person's preferences and the queue of emails.
    version: 16,
    name: 'email notices',
    sql: `
      -- Where a person's notices go (NULL: their username when it is an address, else nowhere) and
      -- whether they want expiry reminders. No row: the defaults (no address given, reminders on).
      CREATE TABLE notification_preferences (
        user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        email text,
        expiry_emails boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL
      );

      -- The queue and its log: one email per (event, person), written when the event is dispatched,
      -- rendered then (what it says never changes between attempts), sent by the worker.
      CREATE TABLE email_deliveries (
        id text PRIMARY KEY,
        event_id text NOT NULL,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        event_type text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        give_up_after timestamptz NOT NULL,
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        error text,
        CONSTRAINT email_deliveries_once UNIQUE (event_id, user_id)
      );
      CREATE INDEX email_deliveries_due ON email_deliveries (next_attempt_at) WHERE status = 'pending';
    `,
  },
  {
    // Performance at scale. Touches only api_keys (an index, a trigger) and its own tables.
    version: 17,
    name: 'api key tallies and trigram name search',
    sql: `
      -- The admin summary's counts without a pass over every token. Time-independent numbers are kept per
      -- owner and environment; what depends on the time of the request (expired, expiring, never used
      -- while live, unused for N days) is kept in UTC day buckets of live tokens, so a count "before an
      -- instant" is the sum of the days before its day plus a range count within its day on an index.
      CREATE TABLE api_key_owner_tallies (
        owner_id text NOT NULL,
        environment text NOT NULL,
        every integer NOT NULL,
        live integer NOT NULL,
        PRIMARY KEY (owner_id, environment)
      );
      -- Live (not revoked) tokens by the UTC day of their expiry, apart by whether they were ever used.
      CREATE TABLE api_key_expiry_tallies (
        environment text NOT NULL,
        day date NOT NULL,
        never_used boolean NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (environment, day, never_used)
      );
      -- Live tokens by the UTC day of their last activity (last use, else creation).
      CREATE TABLE api_key_activity_tallies (
        environment text NOT NULL,
        day date NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (environment, day)
      );
      -- The range count within the day of "unused since" an instant.
      CREATE INDEX api_keys_live_activity ON api_keys ((COALESCE(last_used_at, created_at)), id) WHERE revoked_at IS NULL;

      ${tallyTrigger('insert', 'SELECT 1 AS sign, * FROM new_rows', 'NEW TABLE AS new_rows')}
      ${tallyTrigger('update', 'SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows', 'OLD TABLE AS old_rows NEW TABLE AS new_rows')}
      ${tallyTrigger('delete', 'SELECT -1 AS sign, * FROM old_rows', 'OLD TABLE AS old_rows')}

      INSERT INTO api_key_owner_tallies (owner_id, environment, every, live)
        SELECT owner_id, environment, count(*), count(*) FILTER (WHERE revoked_at IS NULL) FROM api_keys GROUP BY 1, 2;
      INSERT INTO api_key_expiry_tallies (environment, day, never_used, n)
        SELECT environment, (expires_at AT TIME ZONE 'UTC')::date, last_used_at IS NULL, count(*)
        FROM api_keys WHERE revoked_at IS NULL GROUP BY 1, 2, 3;
      INSERT INTO api_key_activity_tallies (environment, day, n)
        SELECT environment, (COALESCE(last_used_at, created_at) AT TIME ZONE 'UTC')::date, count(*)
        FROM api_keys WHERE revoked_at IS NULL GROUP BY 1, 2;

      -- Name search: a trigram index serves ILIKE '%…%' where the server has pg_trgm (PostgreSQL ships it
      -- as a trusted extension). PGlite lists it only when loaded at start; there the search stays a scan.
      DO $do$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
          CREATE EXTENSION IF NOT EXISTS pg_trgm;
          CREATE INDEX api_keys_name_trigram ON api_keys USING gin (name gin_trgm_ops);
        END IF;
      END
      $do$;
    `,
  },
];

/**
 * Statement-level: one set of tally updates per statement, however many rows it wrote (a bulk revoke,
 * a seed). Rows are grouped first and only changed tallies are written, in key order: a last-use write
 * within the same day changes no tally, and concurrent statements lock tallies in the same order.
 */
function tallyTrigger(op: 'insert' | 'update' | 'delete', changes: string, referencing: string): string {
  return `
      CREATE FUNCTION keyline_tally_api_keys_${op}() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        INSERT INTO api_key_owner_tallies AS t (owner_id, environment, every, live)
          SELECT owner_id, environment, sum(sign), sum(CASE WHEN revoked_at IS NULL THEN sign ELSE 0 END)
          FROM (${changes}) c GROUP BY 1, 2
          HAVING sum(sign) <> 0 OR sum(CASE WHEN revoked_at IS NULL THEN sign ELSE 0 END) <> 0 ORDER BY 1, 2
          ON CONFLICT (owner_id, environment) DO UPDATE SET every = t.every + EXCLUDED.every, live = t.live + EXCLUDED.live;
        INSERT INTO api_key_expiry_tallies AS t (environment, day, never_used, n)
          SELECT environment, (expires_at AT TIME ZONE 'UTC')::date, last_used_at IS NULL, sum(sign)
          FROM (${changes}) c WHERE revoked_at IS NULL GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
          ON CONFLICT (environment, day, never_used) DO UPDATE SET n = t.n + EXCLUDED.n;
        INSERT INTO api_key_activity_tallies AS t (environment, day, n)
          SELECT environment, (COALESCE(last_used_at, created_at) AT TIME ZONE 'UTC')::date, sum(sign)
          FROM (${changes}) c WHERE revoked_at IS NULL GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
          ON CONFLICT (environment, day) DO UPDATE SET n = t.n + EXCLUDED.n;
        RETURN NULL;
      END
      $f$;
      CREATE TRIGGER api_keys_tally_${op} AFTER ${op.toUpperCase()} ON api_keys
        REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION keyline_tally_api_keys_${op}();`;
}

/** Applies the missing migrations in one transaction; the advisory lock serialises concurrent starts. */
export async function migrate(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7210431)');
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version),
    );
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
  });
}
