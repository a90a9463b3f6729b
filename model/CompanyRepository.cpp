// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompanyRepository.h"

#include "AppError.h"
#include "Store.h"

#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace {
const QString columns =
    u"id, name, has_twilio, twilio_account_sid, twilio_phone_number, twilio_has_auth_token, "
    u"has_ultravox, ultravox_api_url, ultravox_system_prompt, ultravox_model, ultravox_voice, "
    u"ultravox_first_speaker, ultravox_has_api_key, created_at, updated_at, version"_s;

Company readCompany(const QSqlQuery &query)
{
    Company company;
    company.id = query.value(0).toLongLong();
    company.name = query.value(1).toString();
    if (query.value(2).toInt() != 0) {
        TwilioSettings twilio;
        twilio.accountSid = query.value(3).toString();
        twilio.phoneNumber = query.value(4).toString();
        twilio.hasAuthToken = query.value(5).toInt() != 0;
        company.twilio = twilio;
    }
    if (query.value(6).toInt() != 0) {
        UltravoxSettings ultravox;
        ultravox.apiUrl = query.value(7).toString();
        ultravox.systemPrompt = query.value(8).toString();
        ultravox.model = query.value(9).toString();
        ultravox.voice = query.value(10).toString();
        ultravox.firstSpeaker = query.value(11).toString();
        ultravox.hasApiKey = query.value(12).toInt() != 0;
        company.ultravox = ultravox;
    }
    company.createdAt = query.value(13).toLongLong();
    company.updatedAt = query.value(14).toLongLong();
    company.version = query.value(15).toLongLong();
    return company;
}

void bindFields(QSqlQuery &query, const Company &company)
{
    const TwilioSettings twilio = company.twilio.value_or(TwilioSettings{});
    const UltravoxSettings ultravox = company.ultravox.value_or(UltravoxSettings{});
    query.addBindValue(company.name);
    query.addBindValue(company.twilio ? 1 : 0);
    query.addBindValue(twilio.accountSid);
    query.addBindValue(twilio.phoneNumber);
    query.addBindValue(twilio.hasAuthToken ? 1 : 0);
    query.addBindValue(company.ultravox ? 1 : 0);
    query.addBindValue(ultravox.apiUrl);
    query.addBindValue(ultravox.systemPrompt);
    query.addBindValue(ultravox.model);
    query.addBindValue(ultravox.voice);
    query.addBindValue(ultravox.firstSpeaker);
    query.addBindValue(ultravox.hasApiKey ? 1 : 0);
    query.addBindValue(company.updatedAt);
}
} // namespace

qint64 CompanyRepository::insert(const Company &company)
{
    QSqlQuery &query = m_store.prepared(
        u"INSERT INTO companies (name, has_twilio, twilio_account_sid, twilio_phone_number, "
        u"twilio_has_auth_token, has_ultravox, ultravox_api_url, ultravox_system_prompt, "
        u"ultravox_model, ultravox_voice, ultravox_first_speaker, ultravox_has_api_key, "
        u"updated_at, created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        u"RETURNING id"_s);
    bindFields(query, company);
    query.addBindValue(company.createdAt);
    query.addBindValue(company.version);
    m_store.exec(query);
    if (!query.next())
        throw AppError(ErrorKind::Internal, u"The database returned no id for the new company"_s);
    const qint64 id = query.value(0).toLongLong();
    query.finish();
    return id;
}

bool CompanyRepository::update(Company &company)
{
    QSqlQuery &query = m_store.prepared(
        u"UPDATE companies SET name = ?, has_twilio = ?, twilio_account_sid = ?, "
        u"twilio_phone_number = ?, twilio_has_auth_token = ?, has_ultravox = ?, "
        u"ultravox_api_url = ?, ultravox_system_prompt = ?, ultravox_model = ?, "
        u"ultravox_voice = ?, ultravox_first_speaker = ?, ultravox_has_api_key = ?, "
        u"updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"_s);
    bindFields(query, company);
    query.addBindValue(company.id);
    query.addBindValue(company.version);
    m_store.exec(query);
    if (query.numRowsAffected() != 1)
        return false;
    ++company.version;
    return true;
}

bool CompanyRepository::remove(qint64 id)
{
    QSqlQuery &query = m_store.prepared(u"DELETE FROM companies WHERE id = ?"_s);
    query.addBindValue(id);
    m_store.exec(query);
    return query.numRowsAffected() == 1;
}

std::optional<Company> CompanyRepository::find(qint64 id)
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns + u" FROM companies WHERE id = ?"_s);
    query.addBindValue(id);
    m_store.exec(query);
    if (!query.next())
        return std::nullopt;
    Company company = readCompany(query);
    query.finish();
    return company;
}

QList<Company> CompanyRepository::list()
{
    QSqlQuery &query = m_store.prepared(u"SELECT "_s + columns + u" FROM companies ORDER BY id"_s);
    m_store.exec(query);
    QList<Company> companies;
    while (query.next())
        companies.append(readCompany(query));
    query.finish();
    return companies;
}
