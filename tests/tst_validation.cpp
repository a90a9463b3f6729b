// SPDX-License-Identifier: GPL-3.0-or-later
// The spec's validation rules, one data row per rule and both sides of every boundary. The REST
// API and the window's forms share these functions.
#include "Agent.h"
#include "Call.h"
#include "Company.h"
#include "Validation.h"

#include <QtTest>

using namespace Qt::StringLiterals;

class TestValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        auto row = [](const char *label, const QString &rule, const QString &value, bool valid) {
            QTest::newRow(label) << rule << value << valid;
        };
        const QString name = u"name"_s, prompt = u"prompt"_s, phone = u"phone"_s, key = u"apikey"_s,
                      language = u"language"_s, variable = u"variable"_s, value = u"value"_s,
                      id = u"id"_s;
        row("name: 1 character", name, u"A"_s, true);
        row("name: 100 characters", name, QString(100, u'n'), true);
        row("name: 101 characters", name, QString(101, u'n'), false);
        row("name: empty", name, u""_s, false);
        row("name: spaces only", name, u"   "_s, false);
        row("name: tab only", name, u"\t"_s, false);
        row("name: letters digits space hyphen underscore", name, u"Agent 7-b_c"_s, true);
        row("name: accented letters", name, u"Agente Atención"_s, true);
        row("name: dot", name, u"Agent.1"_s, false);
        row("name: emoji", name, u"Agent 🙂"_s, false);
        row("name: newline", name, u"Agent\nTwo"_s, false);
        row("prompt: 1 character", prompt, u"x"_s, true);
        row("prompt: 10000 characters", prompt, QString(10000, u'p'), true);
        row("prompt: 10001 characters", prompt, QString(10001, u'p'), false);
        row("prompt: empty", prompt, u""_s, false);
        row("prompt: whitespace only", prompt, u" \n "_s, false);
        row("language: en", language, u"en"_s, true);
        row("language: en-US", language, u"en-US"_s, true);
        row("language: e", language, u"e"_s, false);
        row("language: eng", language, u"eng"_s, false);
        row("language: en-us", language, u"en-us"_s, false);
        row("language: EN-US", language, u"EN-US"_s, false);
        row("language: en-USA", language, u"en-USA"_s, false);
        row("language: empty", language, u""_s, false);
        row("variable key: identifier", variable, u"customer_name"_s, true);
        row("variable key: leading underscore", variable, u"_x"_s, true);
        row("variable key: digits after letter", variable, u"x9"_s, true);
        row("variable key: leading digit", variable, u"9x"_s, false);
        row("variable key: hyphen", variable, u"a-b"_s, false);
        row("variable key: space", variable, u"a b"_s, false);
        row("variable key: empty", variable, u""_s, false);
        row("variable key: 100 characters", variable, QString(100, u'k'), true);
        row("variable key: 101 characters", variable, QString(101, u'k'), false);
        row("variable key: reserved agent_id", variable, u"agent_id"_s, false);
        row("variable key: reserved call_id", variable, u"call_id"_s, false);
        row("variable key: reserved timestamp", variable, u"timestamp"_s, false);
        row("variable key: reserved system", variable, u"system"_s, false);
        row("variable key: reserved internal", variable, u"internal"_s, false);
        row("variable key: reserved in other case", variable, u"System"_s, false);
        row("variable key: reserved as a prefix is fine", variable, u"system_name"_s, true);
        row("variable value: 1000 characters", value, QString(1000, u'v'), true);
        row("variable value: 1001 characters", value, QString(1001, u'v'), false);
        row("variable value: empty", value, u""_s, true);
        row("phone: 8 characters", phone, u"+1234567"_s, true);
        row("phone: 7 characters", phone, u"+123456"_s, false);
        row("phone: 18 characters", phone, u"+12345678901234567"_s, true);
        row("phone: 19 characters", phone, u"+123456789012345678"_s, false);
        row("phone: spec example US", phone, u"+1234567890"_s, true);
        row("phone: spec example UK", phone, u"+441234567890"_s, true);
        row("phone: spec example FR", phone, u"+33123456789"_s, true);
        row("phone: no plus", phone, u"14155550123"_s, false);
        row("phone: country code 0", phone, u"+04155550123"_s, false);
        row("phone: spaces", phone, u"+1 415 555 0123"_s, false);
        row("phone: dashes", phone, u"+1-415-555-0123"_s, false);
        row("phone: letters", phone, u"+1415CALLNOW"_s, false);
        row("phone: empty", phone, u""_s, false);
        row("api key: 10 characters", key, QString(10, u'k'), true);
        row("api key: 9 characters", key, QString(9, u'k'), false);
        row("api key: 200 characters", key, QString(200, u'k'), true);
        row("api key: 201 characters", key, QString(201, u'k'), false);
        row("api key: whitespace only", key, QString(12, u' '), false);
        row("resource id: agent id", id, u"agent_1a2b-3C"_s, true);
        row("resource id: space", id, u"agent 1"_s, false);
        row("resource id: slash", id, u"agent/1"_s, false);
        row("resource id: empty", id, u""_s, false);
    }
    void rules()
    {
        QFETCH(QString, rule);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QString message;
        if (rule == u"name"_s)
            message = Rules::checkAgentName(value);
        else if (rule == u"prompt"_s)
            message = Rules::checkPrompt(value);
        else if (rule == u"language"_s)
            message = Rules::checkLanguage(value);
        else if (rule == u"variable"_s)
            message = Rules::checkVariableKey(value);
        else if (rule == u"value"_s)
            message = Rules::checkVariableValue(value);
        else if (rule == u"phone"_s)
            message = Rules::checkPhoneNumber(value);
        else if (rule == u"apikey"_s)
            message = Rules::checkApiKey(value);
        else if (rule == u"id"_s)
            message = Rules::checkResourceId(value);
        QCOMPARE(message.isEmpty(), valid);
    }

    void variableCountBoundary()
    {
        QVERIFY(Rules::checkVariableCount(50).isEmpty());
        QVERIFY(!Rules::checkVariableCount(51).isEmpty());
    }

    // Numbers no integer type holds are refused before any cast (found by fuzz_campaign_json:
    // casting 3e71 to qint64 is undefined behaviour, which the sanitizer suites catch).
    void hugeNumbersAreNotIntegers()
    {
        QVERIFY(JsonFields::isWholeNumber(0));
        QVERIFY(JsonFields::isWholeNumber(-9007199254740992.0));
        QVERIFY(!JsonFields::isWholeNumber(9007199254740994.0));
        QVERIFY(!JsonFields::isWholeNumber(1.5));
        QVERIFY(!JsonFields::isWholeNumber(3e71));
        QVERIFY(!JsonFields::isWholeNumber(std::numeric_limits<double>::infinity()));
        QVERIFY(!JsonFields::isWholeNumber(std::numeric_limits<double>::quiet_NaN()));
        FieldErrors errors;
        QCOMPARE(JsonFields::integer({{u"count"_s, -3e300}}, u"count"_s, errors, 7), 7);
        QVERIFY(errors.contains(u"count"_s));
    }

    void wrongJsonTypesAreFieldErrors_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("everything wrong") << QJsonObject{{u"name"_s, 1},
                                                         {u"prompt"_s, true},
                                                         {u"voice"_s, QJsonArray()},
                                                         {u"language"_s, QJsonObject()},
                                                         {u"template_variables"_s, u"x"_s}}
                                          << QStringList{u"name"_s, u"prompt"_s, u"voice"_s,
                                                         u"language"_s, u"template_variables"_s};
        QTest::newRow("null name")
            << QJsonObject{{u"name"_s, QJsonValue::Null}, {u"prompt"_s, u"p"_s}}
            << QStringList{u"name"_s};
        QTest::newRow("nested value")
            << QJsonObject{{u"name"_s, u"n"_s},
                           {u"prompt"_s, u"p"_s},
                           {u"template_variables"_s, QJsonObject{{u"a"_s, QJsonArray()}}}}
            << QStringList{u"template_variables.a"_s};
    }
    void wrongJsonTypesAreFieldErrors()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QStringList, fields);
        FieldErrors errors;
        AgentConfig::fromJson(body, errors);
        for (const QString &field : fields)
            QVERIFY2(errors.contains(field), qPrintable(field));
        QCOMPARE(errors.toJson().size(), fields.size());
    }

    void callContextAllowsAnyTypeButChecksKeysAndStrings_data()
    {
        QTest::addColumn<QJsonObject>("context");
        QTest::addColumn<QString>("badField");
        QTest::newRow("mixed types ok") << QJsonObject{{u"name"_s, u"Ada"_s},
                                                       {u"count"_s, 3},
                                                       {u"vip"_s, true},
                                                       {u"items"_s, QJsonArray{1, u"two"_s}},
                                                       {u"meta"_s, QJsonObject{{u"a"_s, 1}}}}
                                        << QString();
        QTest::newRow("reserved key")
            << QJsonObject{{u"call_id"_s, u"x"_s}} << u"template_context.call_id"_s;
        QTest::newRow("long string")
            << QJsonObject{{u"note"_s, QString(1001, u'x')}} << u"template_context.note"_s;
        QTest::newRow("long nested string")
            << QJsonObject{{u"items"_s, QJsonArray{QString(1001, u'x')}}}
            << u"template_context.items[0]"_s;
        QJsonObject fiftyOne;
        for (int i = 0; i < 51; ++i)
            fiftyOne.insert(u"k%1"_s.arg(i), i);
        QTest::newRow("51 variables") << fiftyOne << u"template_context"_s;
    }
    void callContextAllowsAnyTypeButChecksKeysAndStrings()
    {
        QFETCH(QJsonObject, context);
        QFETCH(QString, badField);
        FieldErrors errors;
        CallRequest::fromJson(
            {{u"phone_number"_s, u"+14155550123"_s}, {u"template_context"_s, context}},
            u"agent_1"_s, errors);
        if (badField.isEmpty())
            QVERIFY2(errors.isEmpty(), QJsonDocument(errors.toJson()).toJson().constData());
        else
            QVERIFY2(errors.contains(badField),
                     QJsonDocument(errors.toJson()).toJson().constData());
    }

    void callBodyAgentIdMustMatchThePath()
    {
        FieldErrors errors;
        CallRequest::fromJson(
            {{u"phone_number"_s, u"+14155550123"_s}, {u"agent_id"_s, u"agent_2"_s}}, u"agent_1"_s,
            errors);
        QVERIFY(errors.contains(u"agent_id"_s));
        FieldErrors same;
        CallRequest::fromJson(
            {{u"phone_number"_s, u"+14155550123"_s}, {u"agent_id"_s, u"agent_1"_s}}, u"agent_1"_s,
            same);
        QVERIFY(same.isEmpty());
    }

    void companySecretsAreRequiredOnlyOnce()
    {
        const QJsonObject body{
            {u"name"_s, u"Acme"_s},
            {u"twilio"_s, QJsonObject{{u"account_sid"_s, QString(u"AC"_s + QString(32, u'a'))},
                                      {u"phone_number"_s, u"+14155550100"_s}}}};
        FieldErrors create;
        CompanyInput::fromJson(body, nullptr, create);
        QVERIFY(create.contains(u"twilio.auth_token"_s));

        Company existing;
        existing.id = 4;
        existing.twilio =
            TwilioSettings{QString(u"AC"_s + QString(32, u'a')), u"+14155550100"_s, true};
        FieldErrors update;
        const CompanyInput input = CompanyInput::fromJson(body, &existing, update);
        QVERIFY(update.isEmpty());
        QVERIFY(!input.secrets.twilioAuthToken.has_value());
        QVERIFY(input.company.twilio->hasAuthToken);
    }

    void companyFieldRules_data()
    {
        QTest::addColumn<QJsonObject>("ultravox");
        QTest::addColumn<QString>("badField");
        const QJsonObject good{{u"api_key"_s, u"uv_0123456789"_s},
                               {u"system_prompt"_s, u"Be kind."_s}};
        auto with = [&](const QString &key, const QJsonValue &value) {
            QJsonObject changed = good;
            changed.insert(key, value);
            return changed;
        };
        QTest::newRow("good") << good << QString();
        QTest::newRow("short key") << with(u"api_key"_s, u"short"_s) << u"ultravox.api_key"_s;
        QTest::newRow("bad url") << with(u"api_url"_s, u"ftp://x"_s) << u"ultravox.api_url"_s;
        QTest::newRow("bad first speaker")
            << with(u"first_speaker"_s, u"USER"_s) << u"ultravox.first_speaker"_s;
        QTest::newRow("agent speaks first ok")
            << with(u"first_speaker"_s, u"FIRST_SPEAKER_AGENT"_s) << QString();
        QTest::newRow("empty prompt")
            << with(u"system_prompt"_s, u""_s) << u"ultravox.system_prompt"_s;
    }
    void companyFieldRules()
    {
        QFETCH(QJsonObject, ultravox);
        QFETCH(QString, badField);
        FieldErrors errors;
        CompanyInput::fromJson({{u"name"_s, u"Acme"_s}, {u"ultravox"_s, ultravox}}, nullptr,
                               errors);
        if (badField.isEmpty())
            QVERIFY2(errors.isEmpty(), QJsonDocument(errors.toJson()).toJson().constData());
        else
            QVERIFY2(errors.contains(badField),
                     QJsonDocument(errors.toJson()).toJson().constData());
    }

    void placeholdersAreFoundInOrder()
    {
        QCOMPARE(
            promptPlaceholders(u"Hi {{ name }}, about {{order_id}} for {{name}}; {{bad-key}}"_s),
            (QStringList{u"name"_s, u"order_id"_s}));
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
