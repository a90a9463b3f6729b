// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

class FieldErrors;

// A company profile: one Twilio account and one Ultravox account. The two secrets (the Twilio
// auth token and the Ultravox API key) are never part of these structs: they live in the keychain.
struct TwilioSettings
{
    QString accountSid;
    QString phoneNumber; // the "From" number, and the default destination of the company route
    bool hasAuthToken = false;
    bool operator==(const TwilioSettings &other) const;
};

struct UltravoxSettings
{
    QString apiUrl = QStringLiteral("https://api.ultravox.ai/api");
    QString systemPrompt;
    QString model = QStringLiteral("fixie-ai/ultravox");
    QString voice = QStringLiteral("terrence");
    QString firstSpeaker = QStringLiteral("FIRST_SPEAKER_USER");
    bool hasApiKey = false;
    bool operator==(const UltravoxSettings &other) const;
};

struct Company
{
    qint64 id = 0;
    QString name;
    std::optional<TwilioSettings> twilio;
    std::optional<UltravoxSettings> ultravox;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 version = 1;

    QJsonObject toJson() const; // secrets appear only as "auth_token_set"/"api_key_set"
};

// Secrets that came with a write. Absent means "leave what the keychain holds".
struct CompanySecrets
{
    std::optional<QString> twilioAuthToken;
    std::optional<QString> ultravoxApiKey;
};

struct CompanyInput
{
    Company company;
    CompanySecrets secrets;

    // Reads a POST/PUT body. `existing` is the stored company for an update (secrets it already
    // has need not be sent again), or null for a create.
    static CompanyInput fromJson(const QJsonObject &json, const Company *existing,
                                 FieldErrors &errors);
};

namespace CompanySecretKeys {
QString twilioAuthToken(qint64 companyId);
QString ultravoxApiKey(qint64 companyId);
} // namespace CompanySecretKeys
