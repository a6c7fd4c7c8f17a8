/// The SQL of each migration. Typed columns hold what the library queries or constrains
/// (keys, e-mail uniqueness keys, statuses, revisions, sequences, instants, money, digests);
/// `jsonb` holds the nested values the database never filters on, as Foundation's
/// `JSONEncoder` writes them (readable with `->>` and `jsonb_pretty`). Docs/Postgres.md shows
/// the schema as a table.
enum PostgresSchema {
    /// Version 1: exact conversions between `timestamptz` and the library's whole
    /// milliseconds since the Unix epoch (integer arithmetic, never floating-point seconds).
    static let instants = [
        """
        CREATE FUNCTION clientele_instant(milliseconds bigint) RETURNS timestamptz
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN timestamptz 'epoch' + (milliseconds / 1000) * interval '1 second'
                + (milliseconds % 1000) * interval '1 millisecond'
        """,
        """
        CREATE FUNCTION clientele_milliseconds(instant timestamptz) RETURNS bigint
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN (extract(epoch FROM instant) * 1000)::bigint
        """,
    ]

    /// Version 2: accounts (`PostgresAccountStore`).
    static let accounts = [
        """
        CREATE TABLE account_records (
            customer_id text        COLLATE "C" PRIMARY KEY,
            revision    integer     NOT NULL CHECK (revision >= 1),
            kind        text        NOT NULL,
            status      text        NOT NULL,
            email_key   text        COLLATE "C" NOT NULL,
            created_at  timestamptz NOT NULL,
            record      jsonb       NOT NULL
        )
        """,
        """
        CREATE UNIQUE INDEX account_email_key ON account_records (email_key)
            WHERE kind = 'account' AND status <> 'closed'
        """,
        """
        CREATE INDEX account_guests ON account_records (email_key, created_at, customer_id)
            WHERE kind = 'guest'
        """,
        """
        CREATE TABLE account_sessions (
            customer_id text  COLLATE "C" NOT NULL REFERENCES account_records ON DELETE CASCADE,
            digest      bytea NOT NULL CHECK (octet_length(digest) = 32),
            PRIMARY KEY (customer_id, digest)
        )
        """,
        "CREATE INDEX account_sessions_digest ON account_sessions (digest)",
        """
        CREATE TABLE account_tokens (
            customer_id text  COLLATE "C" NOT NULL REFERENCES account_records ON DELETE CASCADE,
            digest      bytea NOT NULL CHECK (octet_length(digest) = 32),
            PRIMARY KEY (customer_id, digest)
        )
        """,
        "CREATE INDEX account_tokens_digest ON account_tokens (digest)",
        """
        CREATE TABLE account_orders (
            order_id          text        COLLATE "C" PRIMARY KEY,
            customer_id       text        COLLATE "C" NOT NULL REFERENCES account_records,
            placed_at         timestamptz NOT NULL,
            total_minor_units bigint      NOT NULL,
            currency          text        NOT NULL,
            status            text        NOT NULL
        )
        """,
        "CREATE INDEX account_orders_listing ON account_orders (customer_id, placed_at DESC, order_id DESC)",
        """
        CREATE TABLE account_login_throttles (
            key              text        COLLATE "C" PRIMARY KEY,
            failures         bigint      NOT NULL,
            first_failure_at timestamptz NOT NULL,
            last_failure_at  timestamptz NOT NULL,
            revision         integer     NOT NULL CHECK (revision >= 1)
        )
        """,
        "CREATE INDEX account_login_throttles_last ON account_login_throttles (last_failure_at)",
    ]

    /// Version 3: consent (`PostgresConsentStore`): the append-only ledger with its chain
    /// digests, the send log with its count, the suppression list.
    static let consent = [
        """
        CREATE TABLE consent_records (
            customer_id   text        COLLATE "C" NOT NULL,
            sequence      bigint      NOT NULL CHECK (sequence >= 0),
            id            uuid        NOT NULL,
            at            timestamptz NOT NULL,
            action        text        NOT NULL,
            purpose       text,
            channel       text,
            entry         jsonb       NOT NULL,
            previous_hash bytea       NOT NULL CHECK (octet_length(previous_hash) = 32),
            hash          bytea       NOT NULL CHECK (octet_length(hash) = 32),
            PRIMARY KEY (customer_id, sequence)
        )
        """,
        """
        CREATE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'TRUNCATE') AND current_setting('clientele.erasure', true) = 'on' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'consent_records is append-only: % is refused outside an erasure', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END
        $$
        """,
        """
        CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
            FOR EACH ROW EXECUTE FUNCTION consent_records_append_only()
        """,
        """
        CREATE TRIGGER consent_records_no_truncate BEFORE TRUNCATE ON consent_records
            FOR EACH STATEMENT EXECUTE FUNCTION consent_records_append_only()
        """,
        """
        CREATE TABLE consent_sends (
            customer_id text        COLLATE "C" NOT NULL,
            sequence    bigint      NOT NULL CHECK (sequence >= 0),
            id          uuid        NOT NULL,
            at          timestamptz NOT NULL,
            channel     text        NOT NULL,
            category    text        NOT NULL,
            send        jsonb       NOT NULL,
            PRIMARY KEY (customer_id, sequence)
        )
        """,
        "CREATE INDEX consent_sends_at ON consent_sends (at)",
        """
        CREATE TABLE consent_send_counts (
            customer_id text   COLLATE "C" PRIMARY KEY,
            count       bigint NOT NULL CHECK (count >= 1)
        )
        """,
        """
        CREATE TABLE consent_suppressions (
            digest bytea       PRIMARY KEY CHECK (octet_length(digest) = 32),
            since  timestamptz NOT NULL,
            reason text        NOT NULL
        )
        """,
    ]

    /// Version 4: profiles (`PostgresProfileStore`): one row per customer, the profile (values
    /// with provenance, history, declines, prompts) replaced whole.
    static let profiles = [
        """
        CREATE TABLE profiles (
            customer_id text    COLLATE "C" PRIMARY KEY,
            revision    integer NOT NULL CHECK (revision >= 1),
            profile     jsonb   NOT NULL
        )
        """,
    ]

    /// Version 5: price lists (`PostgresPriceListStore`): one row per list with typed columns
    /// for what a shop engineer filters on, the list (audience, entries with their money) as
    /// `jsonb`, and the store's version in a one-row table.
    static let priceLists = [
        """
        CREATE TABLE price_lists (
            id         text        COLLATE "C" PRIMARY KEY,
            revision   integer     NOT NULL CHECK (revision >= 1),
            currency   text        NOT NULL,
            status     text        NOT NULL,
            priority   bigint      NOT NULL,
            valid_from timestamptz,
            valid_to   timestamptz,
            list       jsonb       NOT NULL
        )
        """,
        """
        CREATE TABLE price_list_version (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            version   bigint  NOT NULL CHECK (version >= 0)
        )
        """,
        "INSERT INTO price_list_version VALUES (true, 0)",
    ]

    /// Version 6: segments (`PostgresSegmentStore`): definitions, the members last
    /// reported, the trigger keys fired per customer.
    static let segments = [
        """
        CREATE TABLE segment_definitions (
            name       text        COLLATE "C" PRIMARY KEY,
            query      text        NOT NULL,
            revision   integer     NOT NULL CHECK (revision >= 1),
            updated_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE segment_members (
            segment     text COLLATE "C" NOT NULL REFERENCES segment_definitions (name) ON DELETE CASCADE,
            customer_id text COLLATE "C" NOT NULL,
            PRIMARY KEY (segment, customer_id)
        )
        """,
        "CREATE INDEX segment_members_by_customer ON segment_members (customer_id, segment)",
        """
        CREATE TABLE segment_fired_triggers (
            customer_id text COLLATE "C" NOT NULL,
            key         text NOT NULL CHECK (octet_length(key) BETWEEN 1 AND 200),
            PRIMARY KEY (customer_id, key)
        )
        """,
    ]

    /// Version 7: customer facts for segment queries run in the database
    /// (`PostgresSegmentFacts`): one row per customer with the built-in attributes in typed
    /// columns (dates as the UTC day the library compares), the consent state per purpose and
    /// the typed profile values in tables of their own, and the function behind
    /// `days_until_birthday`.
    static let segmentFacts = [
        """
        CREATE TABLE segment_facts (
            customer_id      text     COLLATE "C" PRIMARY KEY,
            number_of_orders bigint   NOT NULL,
            amount_spent     bigint   NOT NULL,
            first_order_day  date,
            last_order_day   date,
            created_day      date     NOT NULL,
            last_visit_day   date,
            country          text     COLLATE "C",
            email_domain     text     COLLATE "C",
            groups           text[]   COLLATE "C" NOT NULL,
            tags             text[]   COLLATE "C" NOT NULL,
            account_status   text     COLLATE "C",
            lifecycle_stage  text     COLLATE "C",
            birth_month      smallint CHECK (birth_month BETWEEN 1 AND 12),
            birth_day        smallint CHECK (birth_day BETWEEN 1 AND 31),
            birth_year       smallint,
            CHECK ((birth_month IS NULL) = (birth_day IS NULL))
        )
        """,
        """
        CREATE TABLE segment_fact_consents (
            customer_id text COLLATE "C" NOT NULL REFERENCES segment_facts ON DELETE CASCADE,
            purpose     text COLLATE "C" NOT NULL,
            state       text COLLATE "C" NOT NULL
                CHECK (state IN ('granted', 'withdrawn', 'refused', 'pending', 'expired', 'none')),
            PRIMARY KEY (customer_id, purpose)
        )
        """,
        """
        CREATE TABLE segment_fact_profile (
            customer_id   text             COLLATE "C" NOT NULL REFERENCES segment_facts ON DELETE CASCADE,
            field         text             COLLATE "C" NOT NULL,
            text_value    text             COLLATE "C",
            number_value  double precision CHECK (number_value <> 'NaN'),
            boolean_value boolean,
            day_value     date,
            list_value    text[]           COLLATE "C",
            PRIMARY KEY (customer_id, field),
            CHECK (num_nonnulls(text_value, number_value, boolean_value, day_value, list_value) = 1)
        )
        """,
        """
        CREATE FUNCTION clientele_birthday_in(year integer, month integer, day integer) RETURNS date
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN make_date(year, month, 1)
                + (least(day, extract(day FROM make_date(year, month, 1) + interval '1 month' - interval '1 day')::integer) - 1)
        """,
        """
        CREATE FUNCTION clientele_days_until_birthday(month integer, day integer, today date) RETURNS integer
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
            RETURN CASE
                WHEN clientele_birthday_in(extract(year FROM today)::integer, month, day) >= today
                    THEN clientele_birthday_in(extract(year FROM today)::integer, month, day) - today
                ELSE clientele_birthday_in(extract(year FROM today)::integer + 1, month, day) - today
            END
        """,
    ]
}
