// SPDX-License-Identifier: GPL-3.0-or-later
#include "Migrations.h"

using namespace Qt::StringLiterals;

namespace Migrations {
namespace {
// Version 1: agents, companies, calls with their transcripts, and events.
const char16_t *const version1[] = {
    uR"(CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        prompt TEXT NOT NULL,
        voice TEXT NOT NULL,
        language TEXT NOT NULL,
        template_variables TEXT NOT NULL,
        status TEXT NOT NULL,
        status_reason TEXT,
        remote_id TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        version BIGINT NOT NULL DEFAULT 1))",
    u"CREATE INDEX agents_created ON agents (created_at, id)",
    u"CREATE INDEX agents_status ON agents (status)",
    uR"(CREATE TABLE companies (
        id {serial_pk},
        name TEXT NOT NULL,
        twilio_account_sid TEXT,
        twilio_phone_number TEXT,
        twilio_has_auth_token INTEGER NOT NULL DEFAULT 0,
        ultravox_api_url TEXT,
        ultravox_system_prompt TEXT,
        ultravox_model TEXT,
        ultravox_voice TEXT,
        ultravox_first_speaker TEXT,
        ultravox_has_api_key INTEGER NOT NULL DEFAULT 0,
        has_twilio INTEGER NOT NULL DEFAULT 0,
        has_ultravox INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        version BIGINT NOT NULL DEFAULT 1))",
    uR"(CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        call_sid TEXT UNIQUE,
        agent_id TEXT,
        agent_name TEXT,
        company_id BIGINT REFERENCES companies (id) ON DELETE SET NULL,
        phone_number TEXT NOT NULL,
        from_number TEXT,
        status TEXT NOT NULL,
        template_context TEXT NOT NULL,
        join_url TEXT,
        ultravox_call_id TEXT,
        twilio_status TEXT,
        end_reason TEXT,
        error TEXT,
        sandbox INTEGER NOT NULL DEFAULT 0,
        transcript_fetched INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        answered_at BIGINT,
        ended_at BIGINT,
        duration_seconds INTEGER,
        version BIGINT NOT NULL DEFAULT 1))",
    u"CREATE INDEX calls_created ON calls (created_at, id)",
    u"CREATE INDEX calls_agent ON calls (agent_id, created_at)",
    u"CREATE INDEX calls_status ON calls (status, created_at)",
    u"CREATE INDEX calls_phone ON calls (phone_number, created_at)",
    uR"(CREATE TABLE call_messages (
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        role TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (call_id, ordinal)))",
    uR"(CREATE TABLE events (
        id {serial_pk},
        timestamp BIGINT NOT NULL,
        type TEXT NOT NULL,
        agent_id TEXT,
        call_sid TEXT,
        company_id BIGINT,
        details TEXT))",
    u"CREATE INDEX events_time ON events (timestamp)",
};

// Version 2: team mode. Call leases (one poller per call across instances), the team key's
// check value and the sealed company secrets, on both engines. On PostgreSQL, triggers announce
// every committed change of an agent, call, company or event on the channel
// "switchboard_changes", so other instances hear of it without polling. The payload names the
// writer's application_name (each store's instance tag) so a writer can skip its own changes.
const char16_t *const version2[] = {
    uR"(CREATE TABLE call_leases (
        call_id TEXT PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
        owner TEXT NOT NULL,
        expires_at BIGINT NOT NULL))",
    u"CREATE INDEX call_leases_expiry ON call_leases (expires_at)",
    u"CREATE INDEX call_leases_owner ON call_leases (owner)",
    uR"(CREATE TABLE team_settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL))",
    uR"(CREATE TABLE sealed_secrets (
        name TEXT PRIMARY KEY,
        sealed TEXT NOT NULL,
        updated_at BIGINT NOT NULL))",
    u"CREATE INDEX calls_updated ON calls (updated_at)",
};

const char16_t *const version2Postgres[] = {
    uR"(CREATE FUNCTION switchboard_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_id TEXT;
    row_version BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        row_id := OLD.id::TEXT;
    ELSIF TG_TABLE_NAME = 'events' THEN
        row_id := NEW.id::TEXT;
    ELSE
        row_id := NEW.id::TEXT;
        row_version := NEW.version;
    END IF;
    PERFORM pg_notify('switchboard_changes', json_build_object(
        'o', current_setting('application_name'), 't', TG_TABLE_NAME,
        'op', left(TG_OP, 1), 'id', row_id, 'v', row_version)::TEXT);
    RETURN NULL;
END
$$)",
    uR"(CREATE TRIGGER agents_notify AFTER INSERT OR UPDATE OR DELETE ON agents
        FOR EACH ROW EXECUTE FUNCTION switchboard_notify_change())",
    uR"(CREATE TRIGGER companies_notify AFTER INSERT OR UPDATE OR DELETE ON companies
        FOR EACH ROW EXECUTE FUNCTION switchboard_notify_change())",
    uR"(CREATE TRIGGER calls_notify AFTER INSERT OR UPDATE OR DELETE ON calls
        FOR EACH ROW EXECUTE FUNCTION switchboard_notify_change())",
    uR"(CREATE TRIGGER events_notify AFTER INSERT ON events
        FOR EACH ROW EXECUTE FUNCTION switchboard_notify_change())",
};

// Version 3: an agent's whole call template (first speaker, timing, tools, ... as the JSON of
// CallSettings), its revisions, and the revision each call was placed with. Revisions are written
// in the transaction of the agent write they record, so the agents trigger of version 2 already
// tells other instances of them; they need no trigger of their own.
const char16_t *const version3[] = {
    u"ALTER TABLE agents ADD COLUMN call_settings TEXT NOT NULL DEFAULT '{}'",
    u"ALTER TABLE agents ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
    u"ALTER TABLE calls ADD COLUMN agent_revision BIGINT",
    uR"(CREATE TABLE agent_revisions (
        agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
        number BIGINT NOT NULL,
        config TEXT NOT NULL,
        source TEXT NOT NULL,
        saved_by TEXT,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (agent_id, number)))",
};

// Version 4: what happened on each call (answering machines, cost, summaries, the live
// transcript's length, the recording). Calls from before are not waited on for a cost.
const char16_t *const version4[] = {
    u"ALTER TABLE calls ADD COLUMN machine_detection INTEGER NOT NULL DEFAULT 0",
    u"ALTER TABLE calls ADD COLUMN on_machine TEXT",
    u"ALTER TABLE calls ADD COLUMN answered_by TEXT",
    u"ALTER TABLE calls ADD COLUMN hung_up_by TEXT",
    u"ALTER TABLE calls ADD COLUMN price TEXT",
    u"ALTER TABLE calls ADD COLUMN price_unit TEXT",
    u"ALTER TABLE calls ADD COLUMN billed_seconds DOUBLE PRECISION",
    u"ALTER TABLE calls ADD COLUMN short_summary TEXT",
    u"ALTER TABLE calls ADD COLUMN summary TEXT",
    u"ALTER TABLE calls ADD COLUMN cost_settled INTEGER NOT NULL DEFAULT 0",
    u"ALTER TABLE calls ADD COLUMN transcript_count INTEGER NOT NULL DEFAULT 0",
    u"ALTER TABLE calls ADD COLUMN recording_enabled INTEGER NOT NULL DEFAULT 0",
    u"ALTER TABLE calls ADD COLUMN recording_status TEXT",
    u"ALTER TABLE calls ADD COLUMN recording_type TEXT",
    u"ALTER TABLE calls ADD COLUMN recording_bytes BIGINT",
    u"ALTER TABLE call_messages ADD COLUMN start_ms BIGINT",
    u"ALTER TABLE call_messages ADD COLUMN end_ms BIGINT",
    u"UPDATE calls SET cost_settled = 1",
    u"CREATE INDEX calls_cost_pending ON calls (cost_settled)",
};

// Version 5: campaigns. A campaign's recipients, every dial attempt (written before any provider
// is asked, then given the Ultravox id and the Twilio SID as soon as each is known), and the
// do-not-call list; calls name the campaign they belong to. A recipient's lease names the
// instance dialing it in team mode. On PostgreSQL, campaigns and the do-not-call list announce
// their changes like version 2's tables; recipients and attempts do not (a 100,000-row import
// would be as many notifications): instances read their progress from the counts instead.
const char16_t *const version5[] = {
    uR"(CREATE TABLE campaigns (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        status TEXT NOT NULL,
        status_reason TEXT,
        rules TEXT NOT NULL,
        start_at BIGINT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        version BIGINT NOT NULL DEFAULT 1))",
    u"CREATE INDEX campaigns_status ON campaigns (status)",
    uR"(CREATE TABLE campaign_recipients (
        id {serial_pk},
        campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        phone_number TEXT NOT NULL,
        context TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_outcome TEXT,
        next_attempt_at BIGINT NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_expires_at BIGINT NOT NULL DEFAULT 0,
        updated_at BIGINT NOT NULL,
        UNIQUE (campaign_id, phone_number)))",
    (u"CREATE INDEX campaign_recipients_due ON campaign_recipients (campaign_id, state, "
     u"next_attempt_at, id)"),
    uR"(CREATE TABLE campaign_attempts (
        id {serial_pk},
        campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        recipient_id BIGINT NOT NULL REFERENCES campaign_recipients (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL,
        call_id TEXT NOT NULL UNIQUE,
        ultravox_call_id TEXT,
        call_sid TEXT,
        outcome TEXT,
        detail TEXT,
        instance TEXT,
        started_at BIGINT NOT NULL,
        ended_at BIGINT,
        UNIQUE (recipient_id, attempt)))",
    u"CREATE INDEX campaign_attempts_open ON campaign_attempts (campaign_id, outcome, started_at)",
    uR"(CREATE TABLE dnc_numbers (
        id {serial_pk},
        phone_number TEXT NOT NULL UNIQUE,
        reason TEXT,
        created_at BIGINT NOT NULL,
        version BIGINT NOT NULL DEFAULT 1))",
    u"ALTER TABLE calls ADD COLUMN campaign_id TEXT",
    u"CREATE INDEX calls_campaign ON calls (campaign_id, created_at)",
};

const char16_t *const version5Postgres[] = {
    uR"(CREATE TRIGGER campaigns_notify AFTER INSERT OR UPDATE OR DELETE ON campaigns
        FOR EACH ROW EXECUTE FUNCTION switchboard_notify_change())",
    uR"(CREATE TRIGGER dnc_numbers_notify AFTER INSERT OR UPDATE OR DELETE ON dnc_numbers
        FOR EACH ROW EXECUTE FUNCTION switchboard_notify_change())",
};

// Version 6: test calls from the desktop console (no phone line). They stay in the call log,
// marked, and are kept out of the call and campaign metrics.
const char16_t *const version6[] = {
    u"ALTER TABLE calls ADD COLUMN test INTEGER NOT NULL DEFAULT 0",
    u"CREATE INDEX calls_test ON calls (test, created_at)",
};

QString fill(QString statement, Dialect dialect)
{
    statement.replace(u"{serial_pk}"_s,
                      dialect == Dialect::Sqlite
                          ? u"INTEGER PRIMARY KEY AUTOINCREMENT"_s
                          : u"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"_s);
    return statement;
}
} // namespace

int latestVersion()
{
    return 6;
}

QStringList statements(int version, Dialect dialect)
{
    QStringList result;
    if (version == 1) {
        for (const char16_t *statement : version1)
            result << fill(QString::fromUtf16(statement), dialect);
    } else if (version == 2) {
        for (const char16_t *statement : version2)
            result << fill(QString::fromUtf16(statement), dialect);
        if (dialect == Dialect::Postgres) {
            for (const char16_t *statement : version2Postgres)
                result << QString::fromUtf16(statement);
        }
    } else if (version == 3) {
        for (const char16_t *statement : version3)
            result << fill(QString::fromUtf16(statement), dialect);
    } else if (version == 4) {
        for (const char16_t *statement : version4)
            result << fill(QString::fromUtf16(statement), dialect);
    } else if (version == 5) {
        for (const char16_t *statement : version5)
            result << fill(QString::fromUtf16(statement), dialect);
        if (dialect == Dialect::Postgres) {
            for (const char16_t *statement : version5Postgres)
                result << QString::fromUtf16(statement);
        }
    } else if (version == 6) {
        for (const char16_t *statement : version6)
            result << fill(QString::fromUtf16(statement), dialect);
    }
    return result;
}
} // namespace Migrations
